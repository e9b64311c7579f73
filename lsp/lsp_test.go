package lsp

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/pprof/profile"

	"github.com/fsmvet/fsmvet/analyzer"
	"github.com/fsmvet/fsmvet/lint"
)

// The fixture's findings, where an editor shows them. Their positions
// count UTF-16 units, worked out by hand. Line 26 is "\tswitch l.ét𝒶t {":
// the switch starts after the tab, at 1; "l.ét𝒶t" ends at 1 + 7 ("switch
// ") + 2 ("l.") + 5 (é, t, 𝒶's two units, t) = 15, where bytes count 18
// and runes 14. Line 50 is "\tfor !s𝒶.Step() {": the call's parenthesis
// is at 1 + 4 ("for ") + 1 ("!") + 3 (s, 𝒶's two units) + 5 (".Step") =
// 14, where bytes count 16 and runes 13.
var (
	machineRange = Range{Position{25, 1}, Position{25, 15}}
	stateType    = Range{Position{7, 5}, Position{7, 5}} // "type ét𝒶t int"
	loopRange    = Range{Position{49, 14}, Position{49, 14}}
	lexerType    = Range{Position{16, 5}, Position{16, 5}} // "type Lexer struct {"
)

// TestProtocol drives the server as an editor does: it opens the
// fixture, reads the diagnostics, applies the quick fix, edits the buffer
// without saving it, closes it and shuts the server down.
func TestProtocol(t *testing.T) {
	dir := copyFixture(t)
	lexer := filepath.Join(dir, "lexer", "lexer.go")
	onDisk := readFile(t, lexer)
	golden := readFile(t, filepath.Join(dir, "lexer", "lexer.go.golden"))
	c := start(t)

	res := c.initialize(dir, nil)
	want := ServerCapabilities{
		TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: syncFull},
		CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{"quickfix"}},
		HoverProvider:      false, // no profile
	}
	if !reflect.DeepEqual(res.Capabilities, want) || res.ServerInfo.Name != "fsmvet" {
		t.Errorf("initialize: %+v, want capabilities %+v", res, want)
	}

	// Open: the two findings of 'fsmvet ./lexer', at their UTF-16 ranges.
	text := c.open(lexer)
	diags := c.diagnostics(lexer, 1)
	checkDiagnostics(t, diags, lexer, 0)
	sameAsMain(t, dir, diags)

	// The machine's quick fix leaves the file as 'fsmvet -fix' does (the
	// golden file); the poll loop has none.
	fixed := applyQuickFix(t, c, lexer, text, diags[0], 1)
	if fixed != golden {
		t.Errorf("the quick fix gives:\n%s\nwant lexer.go.golden:\n%s", fixed, golden)
	}
	if actions := c.codeActions(lexer, loopRange); len(actions) != 0 {
		t.Errorf("code actions at the poll loop: %+v, want none", actions)
	}
	if actions := c.codeActions(lexer, Range{Position{2, 0}, Position{3, 0}}); len(actions) != 0 {
		t.Errorf("code actions where there is no finding: %+v, want none", actions)
	}

	// An unsaved edit moves the findings down a line; the quick fix on it
	// is computed on the buffer, not the file (fsmswitch reads the file
	// through Pass.ReadFile: the overlay).
	edited := "// An unsaved line.\n" + text
	c.change(lexer, 2, edited)
	diags = c.diagnostics(lexer, 2)
	checkDiagnostics(t, diags, lexer, 1)
	if fixed := applyQuickFix(t, c, lexer, edited, diags[0], 2); fixed != "// An unsaved line.\n"+golden {
		t.Errorf("the quick fix on the unsaved buffer gives:\n%s\nwant the golden file after the unsaved line", fixed)
	}

	// An unsaved machine on a function's stack blocks every rewrite (each
	// would move it to the heap): the machine is no longer reported, nor
	// the poll loop that steps it.
	blocked := edited + "\nfunc probe() bool {\n\tvar l Lexer\n\treturn l.Step()\n}\n"
	c.change(lexer, 3, blocked)
	if diags := c.diagnostics(lexer, 3); len(diags) != 0 {
		t.Errorf("diagnostics of the blocked machine: %+v, want none", diags)
	}

	// Closing the buffer unsaved brings back the file on disk's findings.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": fileURI(lexer)}})
	checkDiagnostics(t, c.diagnostics(lexer, 0), lexer, 0)
	if got := readFile(t, lexer); got != onDisk {
		t.Errorf("the server wrote %s:\n%s", lexer, got)
	}
	c.quit()
}

// TestSave: a save analyses the package again, with what is on disk
// beside the open buffers.
func TestSave(t *testing.T) {
	dir := copyFixture(t)
	lexer := filepath.Join(dir, "lexer", "lexer.go")
	c := start(t)
	c.initialize(dir, map[string]any{})
	c.open(lexer)
	checkDiagnostics(t, c.diagnostics(lexer, 1), lexer, 0)
	// Another file of the package, written by another program, blocks
	// every rewrite: a machine on a function's stack.
	block := "package lexer\n\nfunc probe() bool {\n\tvar l Lexer\n\treturn l.Step()\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "lexer", "block.go"), []byte(block), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": fileURI(lexer)}})
	if diags := c.diagnostics(lexer, 1); len(diags) != 0 {
		t.Errorf("diagnostics after a save that blocks the machine: %+v, want none", diags)
	}
	c.quit()
}

// checkDiagnostics checks the fixture's two diagnostics, the lines moved
// down by shift.
func checkDiagnostics(t *testing.T, diags []Diagnostic, lexer string, shift int) {
	t.Helper()
	down := func(r Range) Range {
		r.Start.Line += shift
		r.End.Line += shift
		return r
	}
	uri := fileURI(lexer)
	if len(diags) != 2 {
		t.Fatalf("%d diagnostics, want 2: %+v", len(diags), diags)
	}
	m, l := diags[0], diags[1]
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, want %+v", what, got, want)
		}
	}
	check("machine's range", m.Range, down(machineRange))
	check("machine's code, source, severity, manual", []any{m.Code, m.Source, m.Severity, m.CodeDescription},
		[]any{"fsmswitch", "fsmvet", 2, &CodeDescription{Href: "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/fsmswitch"}})
	check("machine's related", m.RelatedInformation, []DiagnosticRelatedInformation{{Location{uri, down(stateType)}, "state type ét𝒶t"}})
	check("loop's range", l.Range, down(loopRange))
	check("loop's code", l.Code, "pollloop")
	check("loop's related", l.RelatedInformation, []DiagnosticRelatedInformation{{Location{uri, down(lexerType)},
		"implementation lexer.*Lexer: switches on Lexer.ét𝒶t (3 states) every step; fsmswitch offers a fix"}})
}

// sameAsMain checks the diagnostics say what 'fsmvet ./lexer' prints,
// line for line: each finding's message at its line, then its related
// positions'.
func sameAsMain(t *testing.T, dir string, diags []Diagnostic) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := lint.Main([]string{"./lexer"}, analyzer.Suite(), &stdout, &stderr); code != 3 {
		t.Fatalf("fsmvet ./lexer: exit %d, want 3 (findings):\n%s", code, stderr.String())
	}
	var got []string
	for _, d := range diags {
		got = append(got, "lexer/lexer.go:"+strconv.Itoa(d.Range.Start.Line+1)+": "+d.Message)
		for _, r := range d.RelatedInformation {
			got = append(got, "lexer/lexer.go:"+strconv.Itoa(r.Location.Range.Start.Line+1)+": \t"+r.Message)
		}
	}
	col := regexp.MustCompile(`^([^:]*:\d+):\d+:`)
	want := strings.Split(strings.TrimSpace(col.ReplaceAllString(stderr.String(), "$1:")), "\n")
	for i := range want {
		want[i] = col.ReplaceAllString(want[i], "$1:")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the diagnostics say:\n%s\nfsmvet ./lexer prints:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// applyQuickFix asks for the code actions on a diagnostic, checks there is one
// quick fix, for the buffer's version, and returns the text it leaves.
func applyQuickFix(t *testing.T, c *client, name, text string, d Diagnostic, version int32) string {
	t.Helper()
	actions := c.codeActions(name, d.Range)
	if len(actions) != 1 {
		t.Fatalf("%d code actions, want 1: %+v", len(actions), actions)
	}
	a := actions[0]
	if a.Kind != "quickfix" || !a.IsPreferred || !strings.HasPrefix(a.Title, "Rewrite Lexer.ét𝒶t to transition-pointer form") || !reflect.DeepEqual(a.Diagnostics, []Diagnostic{d}) {
		t.Errorf("code action %q (%s, preferred %v) for %+v, want the quick fix of %+v", a.Title, a.Kind, a.IsPreferred, a.Diagnostics, d)
	}
	changes := a.Edit.DocumentChanges
	if len(changes) != 1 || changes[0].TextDocument.URI != fileURI(name) || changes[0].TextDocument.Version == nil || *changes[0].TextDocument.Version != version {
		t.Fatalf("the fix edits %+v, want %s version %d", changes, fileURI(name), version)
	}
	return apply(t, text, changes[0].Edits)
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestHover: with a profile, each finding's message ends with its share
// of CPU, as 'fsmvet -profile' prints it, and a hover on it shows the
// share. The profile is built by hand: (*Lexer).Step has 3 of its 4
// samples, Words the fourth.
func TestHover(t *testing.T) {
	dir := copyFixture(t)
	lexer := filepath.Join(dir, "lexer", "lexer.go")
	prof := filepath.Join(dir, "cpu.pprof")
	writeProfile(t, prof, map[string]int64{"example.com/lsp/lexer.(*Lexer).Step": 3, "example.com/lsp/lexer.Words": 1})
	resetFlags(t)
	c := start(t)
	if res := c.initialize(dir, map[string]any{"profile": prof, "hot": 0}); !res.Capabilities.HoverProvider {
		t.Errorf("with a profile, no hover: %+v", res.Capabilities)
	}
	c.open(lexer)
	diags := c.diagnostics(lexer, 1)
	if len(diags) != 2 || !strings.HasSuffix(diags[0].Message, "; CPU 75.0% cum, 75.0% flat (rank 1 of 2)") || !strings.HasSuffix(diags[1].Message, "; CPU 0% (not in the profile)") {
		t.Fatalf("diagnostics with the profile: %+v", diags)
	}
	hover := func(p Position) string {
		t.Helper()
		var h *Hover
		c.result("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": fileURI(lexer)}, "position": p}, &h)
		if h == nil {
			return "null"
		}
		if h.Contents.Kind != "plaintext" {
			t.Errorf("hover of kind %q", h.Contents.Kind)
		}
		return h.Contents.Value
	}
	for _, tc := range []struct {
		at   Position
		want string
	}{
		{machineRange.Start, "fsmvet fsmswitch: CPU 75.0% cum, 75.0% flat (rank 1 of 2) (profile " + prof + ")"},
		{Position{25, 9}, "fsmvet fsmswitch: CPU 75.0% cum, 75.0% flat (rank 1 of 2) (profile " + prof + ")"},
		{machineRange.End, "fsmvet fsmswitch: CPU 75.0% cum, 75.0% flat (rank 1 of 2) (profile " + prof + ")"},
		{loopRange.Start, "fsmvet pollloop: CPU 0% (not in the profile) (profile " + prof + ")"},
		{Position{25, 16}, "null"}, // past the end of the switch's header
		{Position{2, 0}, "null"},
	} {
		if got := hover(tc.at); got != tc.want {
			t.Errorf("hover at %v: %q, want %q", tc.at, got, tc.want)
		}
	}
	c.quit()
}

// TestSettings: the settings are fsmvet's flags that decide what is
// found, checked as the command line checks them; anything else fails
// initialize with an error that says why.
func TestSettings(t *testing.T) {
	dir := copyFixture(t)
	lexer := filepath.Join(dir, "lexer", "lexer.go")
	for _, tc := range []struct {
		options any
		err     string // "" for none
		found   int    // the fixture's findings with these settings
	}{
		{nil, "", 2},
		{[]any{}, "", 2}, // Neovim's empty Lua table
		{map[string]any{"pollloop": true}, "", 1},
		{map[string]any{"pollloop": false, "fsmswitch.blocked": true}, "", 1},
		{map[string]any{"test": false, "tags": "x"}, "", 2},
		{map[string]any{"json": true}, `no setting "json"`, 0},
		{map[string]any{"fsmswitch.nope": true}, `no setting "fsmswitch.nope"`, 0},
		{map[string]any{"hot": "lots"}, `setting hot="lots"`, 0},
		{map[string]any{"profile": filepath.Join(dir, "missing.pprof")}, "missing.pprof: no such file", 0},
		{map[string]any{"test": []any{1}}, "test: [1] is not a string, a boolean or a number", 0},
		{"profile", "is not an object", 0},
	} {
		resetFlags(t)
		c := start(t)
		m := c.call("initialize", map[string]any{"processId": nil, "capabilities": map[string]any{}, "initializationOptions": tc.options})
		switch {
		case tc.err == "" && m.Error != nil:
			t.Errorf("initializationOptions %v: error %s", tc.options, m.Error.Message)
		case tc.err != "" && (m.Error == nil || m.Error.Code != -32602 || !strings.Contains(m.Error.Message, tc.err)):
			t.Errorf("initializationOptions %v: error %+v, want invalid params (-32602) saying %q", tc.options, m.Error, tc.err)
		case tc.err == "":
			c.notify("initialized", map[string]any{})
			c.open(lexer)
			if got := c.diagnostics(lexer, 1); len(got) != tc.found {
				t.Errorf("initializationOptions %v: %d findings, want %d: %+v", tc.options, len(got), tc.found, got)
			}
			c.quit()
		}
	}
}

// TestLifecycle: LSP's rules on the order of messages, and the exit
// status.
func TestLifecycle(t *testing.T) {
	c := start(t)
	if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != -32002 {
		t.Errorf("a request before initialize: %+v, want error -32002 (server not initialized)", m)
	}
	c.initialize(t.TempDir(), nil)
	if m := c.call("initialize", map[string]any{}); m.Error == nil || m.Error.Code != -32600 {
		t.Errorf("initialize twice: %+v, want error -32600", m)
	}
	if m := c.call("workspace/symbol", map[string]any{"query": "x"}); m.Error == nil || m.Error.Code != -32601 {
		t.Errorf("a method fsmvet lacks: %+v, want error -32601 (method not found)", m)
	}
	// Not a Go file, not a file: ignored, nothing published.
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "file:///x/go.mod", "languageId": "go.mod", "version": 1, "text": "module x\n"}})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "untitled:Untitled-1", "languageId": "go", "version": 1, "text": "package x\n"}})
	var actions []CodeAction
	c.result("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": "untitled:Untitled-1"}, "range": Range{}, "context": map[string]any{}}, &actions)
	if actions == nil || len(actions) != 0 {
		t.Errorf("code actions of an untitled buffer: %v, want []", actions)
	}
	// A change of a range, which the server did not ask for, is shown.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///x/a.go", "version": 2}, "contentChanges": []any{}})
	if m := c.next(); m.Method != "window/showMessage" || !strings.Contains(string(m.Params), "file:///x/a.go changed but is not open") {
		t.Errorf("a change of a file not open: %s %s, want it shown", m.Method, m.Params)
	}
	if m := c.call("shutdown", nil); m.Error != nil {
		t.Fatalf("shutdown: %+v", m.Error)
	}
	if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != -32600 {
		t.Errorf("a request after shutdown: %+v, want error -32600", m)
	}
	c.notify("exit", nil)
	if status := <-c.status; status != 0 {
		t.Errorf("exit after shutdown: %d, want 0", status)
	}

	// Exit without shutdown: status 1.
	c = start(t)
	c.initialize(t.TempDir(), nil)
	c.notify("exit", nil)
	if status := <-c.status; status != 1 {
		t.Errorf("exit without shutdown: %d, want 1", status)
	}
}

// resetFlags restores the analyzers' flags a test's settings set: they
// are their packages'.
func resetFlags(t *testing.T) {
	t.Helper()
	var defaults []func()
	for _, a := range analyzer.Suite() {
		a.Flags.VisitAll(func(f *flag.Flag) {
			defaults = append(defaults, func() { f.Value.Set(f.DefValue) })
		})
	}
	t.Cleanup(func() {
		for _, reset := range defaults {
			reset()
		}
	})
}

// writeProfile writes a CPU profile in which each function named has the
// samples given, each in its own stack.
func writeProfile(t *testing.T, path string, samples map[string]int64) {
	t.Helper()
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     10_000_000,
		Mapping:    []*profile.Mapping{{ID: 1, BuildID: "b"}},
	}
	for i, name := range slices.Sorted(maps.Keys(samples)) {
		id := uint64(i + 1)
		f := &profile.Function{ID: id, Name: name, SystemName: name, Filename: "lexer.go", StartLine: 1}
		loc := &profile.Location{ID: id, Mapping: p.Mapping[0], Line: []profile.Line{{Function: f, Line: 2}}}
		p.Function = append(p.Function, f)
		p.Location = append(p.Location, loc)
		p.Sample = append(p.Sample, &profile.Sample{Location: []*profile.Location{loc}, Value: []int64{samples[name], samples[name] * 10_000_000}})
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := p.Write(out); err != nil {
		t.Fatal(err)
	}
}
