package report_test

import (
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
)

// heapProfile writes a real heap profile, which is a pprof file but not a
// CPU profile.
func heapProfile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "heap.pprof")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		t.Fatal(err)
	}
	return path
}
