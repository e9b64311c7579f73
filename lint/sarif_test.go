package lint

import (
	"bytes"
	"encoding/json"
	"flag"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/fsmvet/fsmvet/analyzer"
	"github.com/fsmvet/fsmvet/internal/edit"
)

var update = flag.Bool("update", false, "rewrite testdata/sarif/machine.sarif.golden from the code; review every changed line before keeping it")

// sarifData is the repository's testdata/sarif, as an absolute path: the
// tests change directory.
var sarifData, _ = filepath.Abs(filepath.Join("..", "testdata", "sarif"))

// fixtureModule makes a module of the fixture packages in testdata/src
// the current directory.
func fixtureModule(t *testing.T, pkgs ...string) string {
	t.Helper()
	files := make(map[string]string)
	// The fixtures' tests keep their machines on the heap with package
	// escape, which comes along under the module's path.
	for _, pkg := range append(pkgs, "escape") {
		names, err := filepath.Glob(filepath.Join("..", "testdata", "src", pkg, "*.go"))
		if err != nil || len(names) == 0 {
			t.Fatalf("fixture %s: no Go files (%v)", pkg, err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files[pkg+"/"+filepath.Base(name)] = strings.ReplaceAll(string(data), `"escape"`, `"example.com/m/escape"`)
		}
	}
	return writeModule(t, files)
}

// validateSARIF validates a log against the SARIF 2.1.0 schema of the
// OASIS standard, formats included (the URIs).
func validateSARIF(t *testing.T, log []byte) {
	t.Helper()
	f, err := os.Open(filepath.Join(sarifData, "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		t.Fatalf("the log is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("the log does not follow the SARIF 2.1.0 schema: %v", err)
	}
}

// sarifLog is the part of a SARIF log the tests read.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID               string
					ShortDescription struct{ Text string }
					Help             struct{ Text, Markdown string }
					HelpURI          string
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			}
		}
		ColumnKind string
		Results    []struct {
			RuleID           string
			RuleIndex        int
			Level            string
			Message          struct{ Text string }
			Locations        []sarifLocation
			RelatedLocations []sarifLocation
			Fixes            []struct {
				Description     struct{ Text string }
				ArtifactChanges []struct {
					ArtifactLocation sarifArtifact
					Replacements     []struct {
						DeletedRegion   sarifRegion
						InsertedContent *struct{ Text string }
					}
				}
			}
		}
	}
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation sarifArtifact
		Region           sarifRegion
	}
	Message struct{ Text string }
}

type sarifArtifact struct{ URI, URIBaseID string }

type sarifRegion struct {
	StartLine, StartColumn, EndLine, EndColumn int
	ByteOffset, ByteLength                     *int
}

func decodeSARIF(t *testing.T, data string) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(data), &log); err != nil {
		t.Fatalf("the log is not JSON: %v\n%s", err, data)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("want one run with one invocation:\n%s", data)
	}
	return log
}

// TestSARIFGolden: the log of the machine fixture (fsmswitch findings
// with related positions and fixes, a poll loop) is the golden file,
// apart from the analyzers' manuals, and follows the SARIF schema.
func TestSARIFGolden(t *testing.T) {
	fixtureModule(t, "machine")
	code, stdout, stderr := mainRun(t, "-format=sarif", "./...")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, want 0 (as -json: findings are not an error) and nothing on stderr:\n%s", code, stderr)
	}
	validateSARIF(t, []byte(stdout))
	log := decodeSARIF(t, stdout)
	related, fixes := 0, 0
	for _, r := range log.Runs[0].Results {
		related += len(r.RelatedLocations)
		fixes += len(r.Fixes)
	}
	if related == 0 || fixes == 0 {
		t.Errorf("the log has %d related locations and %d fixes; the schema check must see both", related, fixes)
	}
	if _, again, _ := mainRun(t, "-format=sarif", "./..."); again != stdout {
		t.Errorf("a second run printed another log")
	}
	got := withoutManuals(t, stdout)
	golden := filepath.Join(sarifData, "machine.sarif.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the log differs from %s (go test ./lint -run SARIFGolden -update rewrites it):\n%s", golden, got)
	}
}

// withoutManuals replaces each analyzer's manual in a log, its summary,
// its text and its Markdown, by a placeholder, so that the golden file
// does not change with the manuals; it fails the test unless each is
// there, whole, once.
func withoutManuals(t *testing.T, log string) string {
	t.Helper()
	quote := func(s string) string {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		return strings.TrimSuffix(b.String(), "\n")
	}
	for _, a := range analyzer.Suite() {
		summary, _, _ := strings.Cut(a.Doc, "\n")
		for _, part := range []struct{ name, text string }{
			{"manual", a.Doc}, {"manual in Markdown", markdown(a.Doc)}, {"summary", summary},
		} {
			q := quote(part.text)
			if n := strings.Count(log, q); n != 1 {
				t.Errorf("%s's %s is in the log %d times, want once", a.Name, part.name, n)
			}
			log = strings.Replace(log, q, quote("("+a.Name+"'s "+part.name+")"), 1)
		}
	}
	return log
}

// TestSARIFRules: one rule per analyzer run, with its manual and URL.
func TestSARIFRules(t *testing.T) {
	fixtureModule(t, "machine")
	_, stdout, _ := mainRun(t, "-format=sarif", "-pollloop", "./...")
	rules := decodeSARIF(t, stdout).Runs[0].Tool.Driver.Rules
	if len(rules) != 1 || rules[0].ID != "pollloop" {
		t.Fatalf("with -pollloop, rules = %+v; want pollloop's alone", rules)
	}
	r := rules[0]
	if !strings.HasPrefix(r.Help.Text, r.ShortDescription.Text+"\n") || !strings.Contains(r.Help.Text, "# Reported by default") ||
		!strings.Contains(r.Help.Markdown, "\n### Reported by default\n") || r.HelpURI != "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/pollloop" {
		t.Errorf("pollloop's rule = %+v", r)
	}
	for _, res := range decodeSARIF(t, stdout).Runs[0].Results {
		if res.RuleID != "pollloop" || res.RuleIndex != 0 {
			t.Errorf("result of %s (rule %d) with -pollloop", res.RuleID, res.RuleIndex)
		}
	}
}

// A machine whose switch follows a comment with a character of three
// bytes (☃, one UTF-16 unit) and one of four (𝄞, two units): Go counts
// bytes, SARIF UTF-16 code units.
const wideSrc = `package task

type phase int

const (
	head phase = iota
	body
)

type frame struct{ p phase }

func New() *frame { return &frame{} }

func (f *frame) Poll() bool {
	/* ☃𝄞 */ switch f.p {
	case head:
		f.p = body
	default:
		return true
	}
	return false
}
`

// TestSARIFColumns: columns are in UTF-16 code units; a consumer that
// applies a fix's replacements in the log's order, by lines and columns
// or by bytes, gets what fsmvet's own edits give.
func TestSARIFColumns(t *testing.T) {
	writeModule(t, map[string]string{"task/task.go": wideSrc})
	_, stdout, _ := mainRun(t, "-format=sarif", "./...")
	validateSARIF(t, []byte(stdout))
	log := decodeSARIF(t, stdout)
	if log.Runs[0].ColumnKind != "utf16CodeUnits" || len(log.Runs[0].Results) != 1 {
		t.Fatalf("want one result and columnKind utf16CodeUnits:\n%s", stdout)
	}
	res := log.Runs[0].Results[0]
	// "\t/* ☃𝄞 */ switch f.p {": the switch starts at byte 16, and after
	// 11 UTF-16 units (tab 1, "/* " 3, ☃ 1, 𝄞 2, " */ " 4): column 12;
	// "switch f.p" is 10 units long.
	loc := res.Locations[0].PhysicalLocation
	if want := (sarifRegion{StartLine: 15, StartColumn: 12, EndLine: 15, EndColumn: 22}); loc.Region != want {
		t.Errorf("region = %+v, want %+v", loc.Region, want)
	}
	if loc.ArtifactLocation != (sarifArtifact{"task/task.go", "%SRCROOT%"}) {
		t.Errorf("artifact = %+v, want task/task.go under %%SRCROOT%%", loc.ArtifactLocation)
	}
	if len(res.Fixes) != 1 || len(res.Fixes[0].ArtifactChanges) != 1 {
		t.Fatalf("want one fix of one file: %+v", res.Fixes)
	}
	_, jsonOut, _ := mainRun(t, "-json", "./...")
	var tree map[string]map[string][]jsonDiagnostic
	if err := json.Unmarshal([]byte(jsonOut), &tree); err != nil {
		t.Fatal(err)
	}
	var edits []edit.Edit
	for _, e := range tree["example.com/m/task"]["fsmswitch"][0].SuggestedFixes[0].Edits {
		edits = append(edits, edit.Replace(e.Start, e.End, e.New))
	}
	want, err := edit.Apply([]byte(wideSrc), edits)
	if err != nil {
		t.Fatal(err)
	}
	byColumns, byBytes := wideSrc, wideSrc
	for _, r := range res.Fixes[0].ArtifactChanges[0].Replacements {
		d := r.DeletedRegion
		start, end := utf16Offset(t, byColumns, d.StartLine, d.StartColumn), utf16Offset(t, byColumns, d.EndLine, d.EndColumn)
		if d.ByteOffset == nil || d.ByteLength == nil || *d.ByteOffset != start || *d.ByteLength != end-start {
			t.Errorf("deleted region %+v: its bytes are not its lines and columns (%d-%d)", d, start, end)
			continue
		}
		inserted := ""
		if r.InsertedContent != nil {
			inserted = r.InsertedContent.Text
		}
		byColumns = byColumns[:start] + inserted + byColumns[end:]
		byBytes = byBytes[:*d.ByteOffset] + inserted + byBytes[*d.ByteOffset+*d.ByteLength:]
	}
	if byColumns != string(want) || byBytes != string(want) {
		t.Errorf("the SARIF fix applied by columns:\n%s\nby bytes:\n%s\nwant, as -fix's edits give:\n%s", byColumns, byBytes, want)
	}
}

// utf16Offset is a SARIF consumer's view of a text position: the byte
// offset in text of column col, in UTF-16 code units, on line.
func utf16Offset(t *testing.T, text string, line, col int) int {
	t.Helper()
	off := 0
	for range line - 1 {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			t.Fatalf("no line %d", line)
		}
		off += i + 1
	}
	for units := 1; units < col; {
		r, size := utf8.DecodeRuneInString(text[off:])
		if size == 0 || r == '\n' {
			t.Fatalf("no column %d on line %d", col, line)
		}
		units += utf16.RuneLen(r)
		off += size
	}
	return off
}

// TestSARIFErrors: a package that does not type-check makes the run
// unsuccessful, with its error as a notification, and exits 1; the other
// packages' findings are there.
func TestSARIFErrors(t *testing.T) {
	writeModule(t, map[string]string{
		"bad/bad.go":   "package bad\n\nfunc F() int { return \"x\" }\n",
		"task/task.go": taskSrc,
	})
	code, stdout, stderr := mainRun(t, "-format=sarif", "./...")
	if code != 1 || !strings.Contains(stderr, "cannot use") {
		t.Errorf("exit %d, want 1 and the error on stderr:\n%s", code, stderr)
	}
	validateSARIF(t, []byte(stdout))
	run := decodeSARIF(t, stdout).Runs[0]
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 ||
		inv.ToolExecutionNotifications[0].Level != "error" ||
		!strings.Contains(inv.ToolExecutionNotifications[0].Message.Text, "bad/bad.go:3:23: cannot use") {
		t.Errorf("invocation = %+v; want unsuccessful, with bad.go's error", inv)
	}
	if len(run.Results) != 1 || run.Results[0].RuleID != "fsmswitch" {
		t.Errorf("want task's finding: %+v", run.Results)
	}
	writeModule(t, map[string]string{"task/task.go": "package task\n"})
	if code, stdout, _ := mainRun(t, "-format=sarif", "./..."); code != 0 || !decodeSARIF(t, stdout).Runs[0].Invocations[0].ExecutionSuccessful {
		t.Errorf("no finding, no error: exit %d, want 0 and a successful run:\n%s", code, stdout)
	}
}

func TestFormatFlag(t *testing.T) {
	writeModule(t, map[string]string{"task/task.go": taskSrc})
	for _, c := range []struct {
		args   []string
		exit   int
		stdout string // its start
		stderr string
	}{
		{[]string{"-format=sarif"}, 0, "{\n  \"version\": \"2.1.0\",", ""},
		{[]string{"-format=json"}, 0, "{\n\t\"example.com/m/task\"", ""},
		{[]string{"-json", "-format=json"}, 0, "{\n\t\"example.com/m/task\"", ""},
		{[]string{"-format=text"}, 3, "", "task/task.go:16:2: state machine"},
		{[]string{"-format=xml"}, 2, "", "fsmvet: -format=xml: want text, json or sarif\n"},
		{[]string{"-json", "-format=sarif"}, 2, "", "fsmvet: -json and -format=sarif disagree\n"},
	} {
		code, stdout, stderr := mainRun(t, append(c.args, "./...")...)
		if code != c.exit || !strings.HasPrefix(stdout, c.stdout) || !strings.HasPrefix(stderr, c.stderr) || (c.stdout == "") != (stdout == "") {
			t.Errorf("fsmvet %v: exit %d, stdout %.40q, stderr %q; want exit %d, stdout %.40q..., stderr %q...",
				c.args, code, stdout, stderr, c.exit, c.stdout, c.stderr)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, c := range []struct{ file, uri, base string }{
		{filepath.Join(dir, "a", "b.go"), "a/b.go", "%SRCROOT%"},
		{filepath.Join(dir, "with space", "ü.go"), "with%20space/%C3%BC.go", "%SRCROOT%"},
		{filepath.Join(dir, "c:d", "e.go"), "./c:d/e.go", "%SRCROOT%"}, // not the scheme c
		{"/elsewhere/f g.go", "file:///elsewhere/f%20g.go", ""},
	} {
		a := artifact(c.file)
		base := ""
		if a.URIBaseId != nil {
			base = *a.URIBaseId
		}
		if *a.URI != c.uri || base != c.base {
			t.Errorf("artifact(%s) = %s under %q, want %s under %q", c.file, *a.URI, base, c.uri, c.base)
		}
	}
}

func TestUTF16Column(t *testing.T) {
	src := []byte("ab\n☃𝄞x\n\xffz")
	for _, c := range []struct {
		line, col, want int
		ok              bool
	}{
		{1, 1, 1, true},
		{1, 3, 3, true}, // the end of the line
		{1, 4, 0, false},
		{2, 4, 2, true},  // after ☃ (3 bytes, 1 unit)
		{2, 8, 4, true},  // after 𝄞 (4 bytes, 2 units)
		{3, 2, 2, true},  // an invalid byte is one unit, as U+FFFD
		{4, 1, 0, false}, // no such line
		{0, 1, 0, false},
	} {
		if got, ok := utf16Column(src, c.line, c.col); got != c.want || ok != c.ok {
			t.Errorf("utf16Column(line %d, col %d) = %d, %v; want %d, %v", c.line, c.col, got, ok, c.want, c.ok)
		}
	}
}

// TestSARIFLineDirective: a finding moved by a //line directive into a
// file that is not there has lines but no columns.
func TestSARIFLineDirective(t *testing.T) {
	src := strings.Replace(taskSrc, "func (f *frame) Poll() bool {", "//line gone.y:100\nfunc (f *frame) Poll() bool {", 1)
	writeModule(t, map[string]string{"task/task.go": src})
	_, stdout, _ := mainRun(t, "-format=sarif", "./...")
	validateSARIF(t, []byte(stdout))
	log := decodeSARIF(t, stdout)
	if len(log.Runs[0].Results) != 1 {
		t.Fatalf("want one result:\n%s", stdout)
	}
	loc := log.Runs[0].Results[0].Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "task/gone.y" || loc.Region != (sarifRegion{StartLine: 101, EndLine: 101}) {
		t.Errorf("location = %+v, want task/gone.y, line 101 and no columns", loc)
	}
}

// TestSARIFFixErrors: a fix whose file cannot be read, or that reaches
// past its end (changed since it was analysed), is an error, not a log
// with regions that point nowhere.
func TestSARIFFixErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f.go")
	os.WriteFile(file, []byte("package f\n"), 0o644)
	past := fix{message: "m", edits: []fileEdit{{file, edit.Replace(5, 11, "x")}}}
	if _, err := make(sources).fix(past); err == nil || !strings.Contains(err.Error(), "past its end") {
		t.Errorf("an edit past the end: %v", err)
	}
	gone := fix{message: "m", edits: []fileEdit{{file + ".gone", edit.Insert(0, "x")}}}
	if _, err := make(sources).fix(gone); err == nil {
		t.Errorf("a fix of a file that is not there: no error")
	}
	var b strings.Builder
	f := finding{analyzer: "a", message: "m", posn: token.Position{Filename: file, Line: 1, Column: 1}, fixes: []fix{past}}
	if err := printSARIF(&b, []finding{f}, nil, nil); err == nil || !strings.Contains(err.Error(), "SARIF for the fix at ") {
		t.Errorf("printSARIF with a bad fix: %v", err)
	}
}
