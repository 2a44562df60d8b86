//go:build !linux

package publish

import "errors"

// exchange is not available here; Commit falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }

// alive cannot be told here, so no build folder is taken for stale.
func alive(pid int) bool { return true }
