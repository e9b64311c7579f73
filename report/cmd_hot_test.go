package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestHotFlag checks that 'fsmvet report' reads -hot as the analyzers do:
// a bad value is a usage error naming it, before anything is loaded.
func TestHotFlag(t *testing.T) {
	for _, tc := range []struct{ hot, example string }{
		{"-1", "1% or 0.01"},
		{"200%", "1% or 0.01"},
		{"50", "50%"},
		{"NaN", "1% or 0.01"},
	} {
		var stdout, stderr bytes.Buffer
		code := Main([]string{"-hot", tc.hot, "-profile", "cpu.pprof", "./..."}, &stdout, &stderr)
		want := `invalid value "` + tc.hot + `" for flag -hot: "` + tc.hot + `" is not a share of CPU: want a percentage from 0% to 100% or a fraction below 1, such as ` + tc.example + "\n"
		if code != 2 || !strings.HasPrefix(stderr.String(), want) || stdout.Len() != 0 {
			t.Errorf("fsmvet report -hot %s: exit %d, stderr:\n%s\nwant 2 and first %s", tc.hot, code, stderr.String(), want)
		}
	}
	var stderr bytes.Buffer
	if code := Main(nil, &bytes.Buffer{}, &stderr); code != 2 || !strings.Contains(stderr.String(), "(default 1%)") {
		t.Errorf("fsmvet report with no arguments: exit %d, want 2 and the usage giving -hot's default 1%%:\n%s", code, stderr.String())
	}
}
