package server

import "sitegen/internal/build"

// SetBuild replaces the build function, so that tests can make a rebuild
// crash or stall.
func (s *Server) SetBuild(f func(build.Options) (*build.Result, error)) {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	s.build = f
}
