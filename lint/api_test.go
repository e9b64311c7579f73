package lint

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsmvet/fsmvet/analyzer"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/hotspot"
)

// TestRunOverlay: an overlay (an editor's unsaved buffer) replaces the
// file on disk for go list, the parser and Pass.ReadFile, which the fix is
// built from: the finding is where the buffer has it, and the fix applies
// to the buffer.
func TestRunOverlay(t *testing.T) {
	dir := writeModule(t, map[string]string{"task/task.go": taskSrc})
	file := filepath.Join(dir, "task", "task.go")
	// The buffer moves the machine down a line, and imports a package the
	// file on disk does not: go list must see the import.
	buffer := strings.Replace(taskSrc, "package task\n", "package task\n\nimport _ \"strings\"\n", 1)
	var warn bytes.Buffer
	findings, errs, err := Run(Config{Dir: filepath.Join(dir, "task"), Tests: true, Overlay: map[string][]byte{file: []byte(buffer)}}, analyzer.Suite(), &warn, ".")
	if err != nil || len(errs) > 0 || warn.Len() > 0 {
		t.Fatalf("Run: %v, errors %v, warnings %q", err, errs, warn.String())
	}
	if len(findings) != 1 {
		t.Fatalf("%d findings, want 1: %+v", len(findings), findings)
	}
	f := findings[0]
	if f.Analyzer != "fsmswitch" || f.Posn.Filename != file || f.Posn.Line != 18 || f.Posn.Column != 2 || f.End.Line != 18 || f.End.Column != 12 ||
		len(f.Related) != 1 || f.Related[0].Posn.Line != 5 || f.Related[0].Message != "state type phase" || len(f.Fixes) != 1 {
		t.Fatalf("finding %+v, want the machine at task.go:18:2-12 (the buffer's line), its state type at line 5", f)
	}
	read := func(name string) ([]byte, error) {
		if name == file {
			return []byte(buffer), nil
		}
		return os.ReadFile(name)
	}
	files, err := f.Fixes[0].Apply(read)
	if err != nil || len(files) != 1 || files[0].Name != file || string(files[0].Before) != buffer {
		t.Fatalf("Apply = %+v, %v; want task.go fixed from the buffer", files, err)
	}
	after := string(files[0].After)
	if !strings.Contains(after, "import _ \"strings\"\n") || !strings.Contains(after, "\nfunc head(f *frame) (bool, bool) {\n") {
		t.Errorf("the buffer fixed:\n%s", after)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), file, after, 0); err != nil {
		t.Errorf("the fixed buffer does not parse: %v", err)
	}
	// The same run without the overlay sees the file on disk.
	findings, _, _ = Run(Config{Dir: filepath.Join(dir, "task"), Tests: true}, analyzer.Suite(), &warn, ".")
	if len(findings) != 1 || findings[0].Posn.Line != 16 {
		t.Errorf("without the overlay: %+v, want the machine at line 16", findings)
	}
	if data, _ := os.ReadFile(file); string(data) != taskSrc {
		t.Errorf("Run wrote task.go")
	}
}

// TestSettings: an editor's settings are the flags that decide what is
// found, set as the command line sets them; the flags that decide how
// findings are shown are not settings.
func TestSettings(t *testing.T) {
	blocked := fsmswitch.Analyzer.Flags.Lookup("blocked")
	hot := hotspot.Analyzer.Flags.Lookup("hot")
	t.Cleanup(func() { blocked.Value.Set("false"); hot.Value.Set("1%") })
	suite := analyzer.Suite()

	cfg, selected, err := Settings(map[string]string{"test": "false", "tags": "a,b", "fsmswitch": "true", "fsmswitch.blocked": "true", "hot": "0.5%"}, suite)
	if err != nil || cfg.Tests || cfg.Tags != "a,b" || len(selected) != 1 || selected[0] != fsmswitch.Analyzer {
		t.Errorf("Settings = %+v, %v, %v", cfg, selected, err)
	}
	if blocked.Value.String() != "true" || hot.Value.String() != "0.5%" {
		t.Errorf("the analyzers' flags: -fsmswitch.blocked=%s -hot=%s, want true and 0.5%%", blocked.Value, hot.Value)
	}
	if cfg, selected, err := Settings(nil, suite); err != nil || !cfg.Tests || cfg.Tags != "" || len(selected) != len(suite) {
		t.Errorf("no settings: %+v, %d analyzers, %v; want the defaults: tests, every analyzer", cfg, len(selected), err)
	}
	for want, settings := range map[string]map[string]string{
		`no setting "json": the settings are the flags that decide what fsmvet finds: fsmswitch, fsmswitch.blocked, `: {"json": "true"},
		`no setting "c"`:       {"c": "3"},
		`setting test="maybe"`: {"test": "maybe"},
		`setting profile="/no/such.pprof": stat /no/such.pprof`: {"profile": "/no/such.pprof"},
	} {
		if _, _, err := Settings(settings, suite); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Settings(%v): %v, want an error saying %q", settings, err, want)
		}
	}
}
