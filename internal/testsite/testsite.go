// Package testsite makes the temporary sites that tests build: a txtar
// fixture written into a folder, with the repository's layouts, i18n and
// static files beside it when the fixture brings none of its own. Every
// package's whole-site tests start this way, so it is written once here.
package testsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

// Repo is the repository's root, for a test running in a package two
// folders below it (internal/x, cmd/x).
func Repo(t testing.TB) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// WriteFile writes data to path, making its folders.
func WriteFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Copy copies the file or folder at from to to.
func Copy(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		WriteFile(t, filepath.Join(to, rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Txtar writes the archive's files into a new temporary folder and adds
// the repository's folders named in assets (layouts, i18n, static) that
// the archive does not bring itself. It returns the folder.
func Txtar(t testing.TB, archive string, assets ...string) string {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		WriteFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	for _, d := range assets {
		if _, err := os.Stat(filepath.Join(dir, d)); os.IsNotExist(err) {
			Copy(t, filepath.Join(Repo(t), d), filepath.Join(dir, d))
		}
	}
	return dir
}
