package server

import (
	"time"

	"sitegen/internal/build"
)

// SetBuild replaces the build function, so that tests can make a rebuild
// crash or stall.
func (s *Server) SetBuild(f func(build.Options) (*build.Result, error)) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	s.build = f
}

// SetIndexQuiet sets how long saves must pause before the search index
// is brought up to date.
func (s *Server) SetIndexQuiet(d time.Duration) {
	s.laterMu.Lock()
	defer s.laterMu.Unlock()
	s.indexQuiet = d
}
