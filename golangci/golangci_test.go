package golangci

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/analyzer"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/pollloop"
)

// flagValues returns every flag of the suite as analyzer.flag=value.
func flagValues() map[string]string {
	values := map[string]string{}
	for _, a := range analyzer.Suite() {
		for _, name := range flagNames(&a.Flags) {
			values[a.Name+"."+name] = a.Flags.Lookup(name).Value.String()
		}
	}
	return values
}

// newPlugin calls New as golangci-lint does, with the settings it decoded
// from YAML (maps of any), and restores the defaults after the test.
func newPlugin(t *testing.T, conf any) error {
	t.Helper()
	t.Cleanup(func() {
		if _, err := New(nil); err != nil {
			t.Fatal(err)
		}
	})
	_, err := New(conf)
	return err
}

func TestSettings(t *testing.T) {
	defaults := flagValues()
	profile := filepath.Join(t.TempDir(), "cpu.pprof")
	if err := os.WriteFile(profile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	conf := map[string]any{
		"fsmswitch": map[string]any{"blocked": true, "destructors": []any{"Close", "Drop"}, "form": "table"},
		"pollloop":  map[string]any{"all": true},
		"generator": map[string]any{"all": true},
		"hotspot":   map[string]any{"hot": 0.025, "profile": profile},
	}
	if err := newPlugin(t, conf); err != nil {
		t.Fatal(err)
	}
	got := flagValues()
	want := map[string]string{
		"fsmswitch.blocked":     "true",
		"fsmswitch.destructors": "Close,Drop",
		"fsmswitch.form":        "table",
		"pollloop.all":          "true",
		"generator.all":         "true",
		"hotspot.hot":           "2.5%",
		"hotspot.profile":       profile,
	}
	if len(got) != len(want) {
		t.Errorf("the suite has flags %v; this test knows %v: give the new ones a setting here", got, want)
	}
	for name, v := range want {
		if got[name] != v {
			t.Errorf("%s = %q, want %q", name, got[name], v)
		}
	}
	// A later instance starts from the defaults: nothing of the first
	// instance's settings is left.
	if err := newPlugin(t, map[string]any{"hotspot": map[string]any{"hot": "5%"}}); err != nil {
		t.Fatal(err)
	}
	got = flagValues()
	for name, v := range defaults {
		if name != "hotspot.hot" && got[name] != v {
			t.Errorf("after a second New, %s = %q, want its default %q", name, got[name], v)
		}
	}
	if got["hotspot.hot"] != "5%" {
		t.Errorf("hotspot.hot = %q, want 5%%", got["hotspot.hot"])
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		conf any
		err  string
	}{
		{map[string]any{"fsmswich": map[string]any{"blocked": true}}, `fsmvet has no analyzer "fsmswich"; its analyzers: fsmswitch, generator, hotspot, pollloop`},
		{map[string]any{"fsmswitch": map[string]any{"block": true}}, `fsmvet's fsmswitch has no setting "block"; its settings: blocked, destructors`},
		{map[string]any{"pollloop": map[string]any{"all": map[string]any{"x": 1}}}, "fsmvet's pollloop.all: want a string, a bool, a number or a list of them, got map[x:1]"},
		{map[string]any{"fsmswitch": map[string]any{"destructors": []any{"Close", []any{"Stop"}}}}, "fsmvet's fsmswitch.destructors: want a string, a bool, a number or a list of them"},
		{map[string]any{"pollloop": map[string]any{"all": "maybe"}}, `fsmvet's pollloop.all: parse error`},
		{map[string]any{"hotspot": map[string]any{"hot": 50}}, "fsmvet's hotspot.hot: "},
		{map[string]any{"hotspot": map[string]any{"profile": "missing.pprof"}}, "fsmvet's hotspot.profile: stat missing.pprof: no such file or directory"},
		{map[string]any{"pollloop": true}, "fsmvet's settings: decoding settings: json: cannot unmarshal bool"},
		{[]any{"pollloop"}, "fsmvet's settings: decoding settings: json: cannot unmarshal array"},
	} {
		err := newPlugin(t, tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("New(%v) = %v, want an error containing %q", tc.conf, err, tc.err)
		}
	}
}

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// adapted returns the copy of a among the plugin's analyzers.
func adapted(t *testing.T, a *analysis.Analyzer) *analysis.Analyzer {
	t.Helper()
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	suite, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range suite {
		if c.Name == a.Name {
			if c == a {
				t.Fatalf("BuildAnalyzers returned %s itself, not a copy", a.Name)
			}
			return c
		}
	}
	t.Fatalf("BuildAnalyzers lacks %s", a.Name)
	return nil
}

// TestOneFileFixes: a fix that edits only its diagnostic's file is kept
// as it is (the golden files), one that edits another file too is
// dropped and the message says so; pollloop still reads fsmswitch's
// result through the copies.
func TestOneFileFixes(t *testing.T) {
	fsm := adapted(t, fsmswitch.Analyzer)
	analysistest.RunWithSuggestedFixes(t, testdata(t), fsm, "machine", "fixes")
	// farfile's three machines have their state type in another file.
	results := analysistest.Run(t, testdata(t), fsm, "farfile")
	at := map[string]bool{} // analysistest analyses farfile with and without its tests
	for _, r := range results {
		for _, d := range r.Diagnostics {
			at[r.Pass.Fset.Position(d.Pos).String()] = true
			const note = "; golangci-lint --fix cannot apply the fix, which edits 2 files: run fsmvet -fix"
			if len(d.SuggestedFixes) != 0 || !strings.HasSuffix(d.Message, note) {
				t.Errorf("%s: %d fixes, message %q; want none and the message ending %q", r.Pass.Fset.Position(d.Pos), len(d.SuggestedFixes), d.Message, note)
			}
		}
	}
	if len(at) != 3 {
		t.Errorf("diagnostics in farfile at %v, want 3 positions", at)
	}
	analysistest.Run(t, testdata(t), adapted(t, pollloop.Analyzer), "poll", "pollsteps")
}
