package hotspot

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestShareFlag(t *testing.T) {
	for in, want := range map[string]float64{"1%": 0.01, "0.02": 0.02, "0": 0, "12.5%": 0.125} {
		var s share
		if err := s.Set(in); err != nil || float64(s) != want {
			t.Errorf("Set(%q) = %v, %v; want %v", in, float64(s), err, want)
		}
	}
	for _, bad := range []string{"", "x", "-1%", "%"} {
		var s share
		if err := s.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
}

func TestFilesFlag(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.pprof")
	os.WriteFile(a, []byte("x"), 0o644)
	var f files
	if err := f.Set(a + "," + a); err != nil || len(f) != 2 {
		t.Errorf("Set of two existing files: %v, %v", f, err)
	}
	if err := f.Set(filepath.Join(dir, "missing.pprof")); err == nil {
		t.Error("Set of a missing file succeeded")
	}
}

// TestNoProfile checks that without -profile a finding is kept unchanged.
func TestNoProfile(t *testing.T) {
	r := &Result{}
	d := analysis.Diagnostic{Message: "m"}
	if keep, err := r.Annotate(&d, "pkg.F", nil); !keep || err != nil || d.Message != "m" {
		t.Errorf("Annotate without a profile: keep=%v err=%v message=%q", keep, err, d.Message)
	}
}
