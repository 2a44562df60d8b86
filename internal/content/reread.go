package content

import (
	"path"
	"strings"

	"sitegen/internal/config"
	"sitegen/internal/fault"
)

// Reread reads and parses the file of src again, as Discover read it, for
// a rebuild after the file was edited. The bundle's files are taken from
// src: a change to them is not an edit of this file. It returns nil when
// the file cannot be read or parsed (with findings in diags).
func Reread(cfg *config.Config, src *Source, diags *fault.List) *Source {
	root, rootLang := "", ""
	for _, l := range cfg.Languages {
		if d := l.ContentDir; d != "" && strings.HasPrefix(src.File, d+"/") && len(d) > len(root) {
			root, rootLang = d, l.Code
		}
	}
	if root == "" {
		root = cfg.ContentDir
	}
	rel := strings.TrimPrefix(src.File, root+"/")
	if rel == src.File && root != "" && root != "." {
		diags.Add(fault.At(src.File, 0, 0).Errorf("the file is not under a content folder"))
		return nil
	}
	s := read(cfg, root, path.Clean(rel), rootLang, KeepBodies, diags)
	if s != nil {
		s.Resources = src.Resources
	}
	return s
}
