package report_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	pprof "github.com/google/pprof/profile"

	"github.com/fsmvet/fsmvet/internal/textwrap"
	"github.com/fsmvet/fsmvet/profile"
	"github.com/fsmvet/fsmvet/program"
	"github.com/fsmvet/fsmvet/report"
	"github.com/fsmvet/fsmvet/verify"
)

var update = flag.Bool("update", false, "rewrite report/testdata/rank.* from the code; review every changed line before keeping it")

// The fixture is testdata/rank (example.com/rank): package exec holds nine
// poll loops, one per function, each `for !t.Poll() {}` on the line after
// its func line; package machines holds state machines of 8 states (M8),
// 7 (M7) and 3 (Small), a 3-state machine whose rewrite is blocked twice
// (Gate), one in transition-pointer form (Stepper) and a task that is no
// machine (Plain); package app hands them to the loops.
const (
	execPkg  = "example.com/rank/exec."
	machines = "example.com/rank/machines."
	m8Poll   = machines + "(*M8).Poll"
	m7Poll   = machines + "(*M7).Poll"
	plain    = machines + "(*Plain).Poll"
	stepper  = machines + "(*Stepper).Poll"
)

// unit is the CPU of one weight unit in rankProfile: the profile holds
// 100,000 units, 10 s, so a unit is 0.001% of it and every share below is
// its weight over 100,000.
const unit = 100_000 // ns

// rankProfile is a CPU profile of the fixture written by hand, so that
// every share in the report can be worked out on paper. Each sample is a
// stack, innermost first, as "function:line" in the profile's own lines,
// with its weight in units. Two functions were profiled before an edit
// above them moved them down: Drive started at line 15, not 20, and
// (*M8).Poll at 22, not 25; their samples must still match by offset.
//
//	weight  stack                                          what it makes
//	 6000   M8.bump:48, M8.Poll:25 (28 now), Drive:16      M8 cum, not flat
//	 9000   M8.Poll:26 (29 now), Drive:16
//	 3000   M8.Poll:23 (26 now), Drive:16
//	12000   Plain.Poll:161, Drive:16                       Drive: 31% at its call,
//	 1000   Drive:16                                       1% flat there, callees
//	  500   Drive:17 (22 now)                              M8 60%, Plain 40%
//	 1000   M7.Poll:68 inlined in Pump:27                  Pump: 2%, M7 50%, Plain 50%
//	 1000   Plain.Poll:161, Pump:27                        M7: exactly 1% (-hot)
//	 9000   Plain.Poll:161, Spin:15                        Spin: 10%, Plain exactly 90%
//	 1000   M8.Poll:23 (26 now), Spin:15
//	 8990   M8.Poll:28 (31 now), Churn:9                   Churn: 10%, M8 89.9%, a
//	 1010   Plain.Poll:161, Churn:9                        callee only the profile saw
//	  500   Plain.Poll:161, Wait:33                        Wait: exactly 1%, Plain 50%,
//	  500   count:148, Stepper.Poll:142, Wait:33           Stepper 50%
//	  900   Small.Poll:99, Nap:39                          Nap, Small: 0.9%, under -hot
//	  900   Plain.Poll:161, Quiet:45                       Quiet: 0.9%, no machine: left out
//	 2000   Stall:51                                       Stall: 2%, no callee
//	 5000   Gate.Poll:127, app.Main:25                     Gate: 5%, blocked
//	  700   stop:154, app.Main:24                          Stepper: flat 0.5+0.7+0.1,
//	  100   Stepper.Left:145, app.Main:24                  cum max(0.5, 0.7, 0.1, 1.3)
//	  300   helper:156, app.Main:24                        not Stepper's: takes an int
//	  200   NewStepper:140, app.Main:17                    not Stepper's: returns one
//	35400   runtime.usleep:10                              the rest of the 100,000
func rankProfile() *pprof.Profile {
	p := &pprof.Profile{
		SampleType: []*pprof.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &pprof.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     unit,
		Mapping:    []*pprof.Mapping{{ID: 1, Start: 0x400000, Limit: 0x800000, File: "/bin/rank.test", BuildID: "b1d"}},
	}
	funcs := map[string]*pprof.Function{}
	for _, f := range []struct {
		name, file string
		start      int64
	}{
		{execPkg + "Churn", "exec/exec.go", 8}, {execPkg + "Spin", "exec/exec.go", 14},
		{execPkg + "Drive", "exec/exec.go", 15}, {execPkg + "Pump", "exec/exec.go", 26},
		{execPkg + "Wait", "exec/exec.go", 32}, {execPkg + "Nap", "exec/exec.go", 38},
		{execPkg + "Quiet", "exec/exec.go", 44}, {execPkg + "Stall", "exec/exec.go", 50},
		{m8Poll, "machines/machines.go", 22}, {machines + "(*M8).bump", "machines/machines.go", 48},
		{m7Poll, "machines/machines.go", 65}, {machines + "(*Small).Poll", "machines/machines.go", 96},
		{machines + "(*Gate).Poll", "machines/machines.go", 120}, {stepper, "machines/machines.go", 142},
		{machines + "Stepper.Left", "machines/machines.go", 145}, {machines + "count", "machines/machines.go", 147},
		{machines + "stop", "machines/machines.go", 154}, {machines + "helper", "machines/machines.go", 156},
		{machines + "NewStepper", "machines/machines.go", 140}, {plain, "machines/machines.go", 161},
		{"example.com/rank/app.Main", "app/app.go", 9}, {"runtime.usleep", "runtime/sys_linux_amd64.s", 1},
	} {
		fn := &pprof.Function{ID: uint64(len(p.Function) + 1), Name: f.name, SystemName: f.name, Filename: f.file, StartLine: f.start}
		funcs[f.name] = fn
		p.Function = append(p.Function, fn)
	}
	// loc is one program counter: its frames, the inlined ones first.
	loc := func(frames ...string) *pprof.Location {
		l := &pprof.Location{ID: uint64(len(p.Location) + 1), Mapping: p.Mapping[0], Address: 0x401000 + 0x10*uint64(len(p.Location))}
		for _, fr := range frames {
			name, line, _ := strings.Cut(fr, ":")
			n, _ := strconv.ParseInt(line, 10, 64)
			l.Line = append(l.Line, pprof.Line{Function: funcs[name], Line: n})
		}
		p.Location = append(p.Location, l)
		return l
	}
	sample := func(weight int64, stack ...*pprof.Location) {
		p.Sample = append(p.Sample, &pprof.Sample{Value: []int64{weight, weight * unit}, Location: stack})
	}
	drive, spin, churn, pump := loc(execPkg+"Drive:16"), loc(execPkg+"Spin:15"), loc(execPkg+"Churn:9"), loc(execPkg+"Pump:27")
	wait, main24 := loc(execPkg+"Wait:33"), loc("example.com/rank/app.Main:24")
	plainAt, m8Switch := loc(plain+":161"), loc(m8Poll+":23")
	sample(6000, loc(machines+"(*M8).bump:48"), loc(m8Poll+":25"), drive)
	sample(9000, loc(m8Poll+":26"), drive)
	sample(3000, m8Switch, drive)
	sample(12000, plainAt, drive)
	sample(1000, drive)
	sample(500, loc(execPkg+"Drive:17"))
	sample(1000, loc(m7Poll+":68", execPkg+"Pump:27"))
	sample(1000, plainAt, pump)
	sample(9000, plainAt, spin)
	sample(1000, m8Switch, spin)
	sample(8990, loc(m8Poll+":28"), churn)
	sample(1010, plainAt, churn)
	sample(500, plainAt, wait)
	sample(500, loc(machines+"count:148"), loc(stepper+":142"), wait)
	sample(900, loc(machines+"(*Small).Poll:99"), loc(execPkg+"Nap:39"))
	quiet := loc(execPkg + "Quiet:45")
	sample(950, plainAt, quiet)
	sample(50, loc(stepper+":142"), quiet)
	sample(2000, loc(execPkg+"Stall:51"))
	sample(5000, loc(machines+"(*Gate).Poll:127"), loc("example.com/rank/app.Main:25"))
	sample(700, loc(machines+"stop:154"), main24)
	sample(100, loc(machines+"Stepper.Left:145"), main24)
	sample(300, loc(machines+"helper:156"), main24)
	sample(200, loc(machines+"NewStepper:140"), loc("example.com/rank/app.Main:17"))
	sample(35300, loc("runtime.usleep:10"))
	return p
}

// parsed turns a hand-made profile into what profile.Load would make of
// it, named cpu.pprof.
func parsed(t *testing.T, p *pprof.Profile) *profile.Profile {
	t.Helper()
	var b bytes.Buffer
	if err := p.Write(&b); err != nil {
		t.Fatal(err)
	}
	prof, err := profile.Parse("cpu.pprof", &b)
	if err != nil {
		t.Fatal(err)
	}
	return prof
}

// rankDir is the fixture's directory.
func rankDir() string { return filepath.Join(startDir, "..", "testdata", "rank") }

// loadRank loads the fixture once for every test; Build only reads it.
var loadRank = sync.OnceValues(func() (*program.Program, error) {
	return program.Load(program.Config{Dir: rankDir()}, "./...")
})

// rankReport builds the report of the fixture under p with -hot at hot,
// from the fixture's directory, so that positions are relative to it.
func rankReport(t *testing.T, p *pprof.Profile, hot float64) *report.Report {
	t.Helper()
	if startErr != nil {
		t.Fatal(startErr)
	}
	prog, err := loadRank()
	if err != nil {
		t.Fatal(err)
	}
	prof := parsed(t, p)
	t.Chdir(rankDir())
	r, err := report.Build(prog, prof, hot)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// golden compares got with the file testdata/name, which was checked line
// by line against the expectations of these tests (and must be again
// after -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	if startErr != nil {
		t.Fatal(startErr)
	}
	path := filepath.Join(startDir, "testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the report:\n%s", path, lineDiff(string(want), string(got)))
	}
}

// startDir is the package's directory: the tests change directory.
var startDir, startErr = os.Getwd()

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + strconv.Quote(wl) + "\n  got  " + strconv.Quote(gl) + "\n")
			shown++
		}
	}
	return b.String()
}

// want is a finding as worked out by hand from rankProfile.
type want struct {
	kind, posn, fn, name string
	flat, cum            float64
	states               int
	callees              []report.Callee
	machines             []string
	fix, verdict         string
}

// ranking is the report of rankProfile at -hot 1%, worked out by hand:
// ranked by cumulative share, then flat, then position (by line: Churn at
// line 9 before Spin at 15, which a comparison of the position strings
// would reverse).
var ranking = []want{
	// Hot loops and machines with a fix are to be measured, whatever
	// their states: no rule can say whether the rewrite pays. Small is an
	// implementation only the call graph sees (no sample).
	{report.KindPollLoop, "exec/exec.go:21:13", execPkg + "Drive", "Task.Poll", 0.01, 0.31, 0,
		[]report.Callee{{Name: m8Poll, Share: 0.6}, {Name: plain, Share: 0.4}}, []string{"machines.M8 (8 states)", "machines.Small (3 states)"}, "none", report.VerdictMeasure},
	{report.KindStateMachine, "machines/machines.go:26:2", m8Poll, "M8.state", 0.2199, 0.2799, 8,
		nil, nil, "offered", report.VerdictMeasure},
	// The machine is a callee only the profile saw, and the top callee
	// just under 90%: measure, and no word of PGO.
	{report.KindPollLoop, "exec/exec.go:9:13", execPkg + "Churn", "Task.Poll", 0, 0.1, 0,
		[]report.Callee{{Name: m8Poll, Share: 0.899}, {Name: plain, Share: 0.101}}, []string{"machines.M8 (8 states)"}, "none", report.VerdictMeasure},
	// Exactly 90% to one callee: measure, and PGO can devirtualize it.
	{report.KindPollLoop, "exec/exec.go:15:13", execPkg + "Spin", "Task.Poll", 0, 0.1, 0,
		[]report.Callee{{Name: plain, Share: 0.9}, {Name: m8Poll, Share: 0.1}}, []string{"machines.M8 (8 states)"}, "none", report.VerdictMeasure},
	{report.KindStateMachine, "machines/machines.go:121:2", machines + "(*Gate).Poll", "Gate.state", 0.05, 0.05, 3,
		nil, nil, "blocked: the states are strings, which cannot index a table at machines.go:108; the field is compared outside the consumer switch at machines.go:127; the field is compared outside the consumer switch at machines.go:131", report.VerdictBlocked},
	// Hot, but the profile saw no call: not hot. Gate's rewrite is blocked,
	// so only its share ranks this loop.
	{report.KindPollLoop, "exec/exec.go:51:13", execPkg + "Stall", "Task.Poll", 0.02, 0.02, 0,
		nil, []string{"machines.Gate (3 states)"}, "none", report.VerdictNotHot},
	{report.KindPollLoop, "exec/exec.go:27:13", execPkg + "Pump", "Task.Poll", 0, 0.02, 0,
		[]report.Callee{{Name: m7Poll, Share: 0.5}, {Name: plain, Share: 0.5}}, []string{"machines.M7 (7 states)"}, "none", report.VerdictMeasure},
	{report.KindTransitionPointer, "machines/machines.go:134:6", machines + "Stepper", "Stepper.step", 0.0135, 0.0135, 0,
		nil, nil, "none", report.VerdictDone},
	// Exactly at -hot, 7 states: measure.
	{report.KindStateMachine, "machines/machines.go:66:2", m7Poll, "M7.state", 0.01, 0.01, 7,
		nil, nil, "offered", report.VerdictMeasure},
	// Exactly at -hot, and no switch machine behind it (Stepper is one in
	// transition-pointer form): neither.
	{report.KindPollLoop, "exec/exec.go:33:13", execPkg + "Wait", "Task.Poll", 0, 0.01, 0,
		[]report.Callee{{Name: plain, Share: 0.5}, {Name: stepper, Share: 0.5}}, nil, "none", report.VerdictNeither},
	// Exactly at -hot, 95% of calls to one callee, no machine with a fix
	// behind it: PGO.
	{report.KindPollLoop, "exec/exec.go:45:13", execPkg + "Quiet", "Task.Poll", 0, 0.01, 0,
		[]report.Callee{{Name: plain, Share: 0.95}, {Name: stepper, Share: 0.05}}, nil, "none", report.VerdictPGO},
	{report.KindStateMachine, "machines/machines.go:97:2", machines + "(*Small).Poll", "Small.state", 0.009, 0.009, 3,
		nil, nil, "offered", report.VerdictNotHot},
	{report.KindPollLoop, "exec/exec.go:39:13", execPkg + "Nap", "Task.Poll", 0, 0.009, 0,
		[]report.Callee{{Name: machines + "(*Small).Poll", Share: 1}}, []string{"machines.Small (3 states)"}, "none", report.VerdictNotHot},
	// Never run: ranked, since it reaches a machine with a fix (M7).
	{report.KindPollLoop, "exec/exec.go:57:13", execPkg + "Never", "Task.Poll", 0, 0, 0,
		nil, []string{"machines.M7 (7 states)"}, "none", report.VerdictNotHot},
}

func TestRanking(t *testing.T) {
	r := rankReport(t, rankProfile(), 0.01)
	if r.Total != 100_000*unit || r.Unit != "nanoseconds" || r.Hot != 0.01 || len(r.Warnings) != 0 ||
		len(r.Profiles) != 1 || r.Profiles[0] != "cpu.pprof" {
		t.Errorf("report of %v: %d %s, hot %v, warnings %q; want cpu.pprof: 10 s in nanoseconds, hot 0.01, no warning",
			r.Profiles, r.Total, r.Unit, r.Hot, r.Warnings)
	}
	if len(r.Findings) != len(ranking) {
		t.Errorf("%d findings, want %d", len(r.Findings), len(ranking))
	}
	for i, f := range r.Findings[:min(len(r.Findings), len(ranking))] {
		w := ranking[i]
		got := want{f.Kind, f.Posn, f.Func, f.Name, f.Flat, f.Cum, f.States, f.Callees, f.Machines, f.Fix, f.Verdict}
		if f.Rank != i+1 || !equalWant(got, w) {
			t.Errorf("finding %d:\n got  %d %+v\n want %d %+v", i+1, f.Rank, got, i+1, w)
		}
	}
}

func equalWant(a, b want) bool {
	return a.kind == b.kind && a.posn == b.posn && a.fn == b.fn && a.name == b.name && a.flat == b.flat && a.cum == b.cum &&
		a.states == b.states && slices.Equal(a.callees, b.callees) && slices.Equal(a.machines, b.machines) && a.fix == b.fix && a.verdict == b.verdict
}

// TestFormats compares the text and JSON forms of the report with
// goldens checked line by line against ranking and the fixture's source:
// the text's table, fix:, implementations: and transitions: lines, the
// JSON's every field (verdict, callees, source lines with their shares,
// transitions, blockers, implementations, the diffs of the fixes).
func TestFormats(t *testing.T) {
	r := rankReport(t, rankProfile(), 0.01)
	var text, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	golden(t, "rank.txt", text.Bytes())
	golden(t, "rank.json", js.Bytes())
	for i, line := range strings.Split(text.String(), "\n") {
		if n := utf8.RuneCountInString(line); n > textwrap.Width {
			t.Errorf("text line %d is %d columns, over %d: %q", i+1, n, textwrap.Width, line)
		}
	}
}

// An element is a node of a parsed HTML page.
type element struct {
	tag  string
	attr map[string]string
	kids []*element
	text string // for text nodes, whose tag is ""
}

// parseHTML parses the report's page, which the template writes as
// well-formed markup but for HTML's void elements.
func parseHTML(t *testing.T, page []byte) *element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	root := &element{tag: "#document"}
	stack := []*element{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page does not parse: %v", err)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{tag: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			top.kids = append(top.kids, e)
			stack = append(stack, e)
		case xml.EndElement:
			if top.tag != tok.Name.Local {
				t.Fatalf("the page closes <%s> inside <%s>", tok.Name.Local, top.tag)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.kids = append(top.kids, &element{text: string(tok)})
		}
	}
	if len(stack) != 1 {
		t.Fatalf("the page leaves <%s> open", stack[len(stack)-1].tag)
	}
	return root
}

// all returns the elements under e, in document order, that match.
func (e *element) all(match func(*element) bool) []*element {
	var out []*element
	for _, k := range e.kids {
		if k.tag != "" && match(k) {
			out = append(out, k)
		}
		out = append(out, k.all(match)...)
	}
	return out
}

func tagged(tag string) func(*element) bool { return func(e *element) bool { return e.tag == tag } }

func classed(tag, class string) func(*element) bool {
	return func(e *element) bool { return e.tag == tag && e.attr["class"] == class }
}

// one returns the one element under e that matches.
func (e *element) one(t *testing.T, what string, match func(*element) bool) *element {
	t.Helper()
	found := e.all(match)
	if len(found) != 1 {
		t.Fatalf("%d %s, want 1", len(found), what)
	}
	return found[0]
}

// texts returns the text of each element.
func texts(es []*element) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.textContent())
	}
	return out
}

func (e *element) textContent() string {
	var b strings.Builder
	for _, k := range e.kids {
		if k.tag == "" {
			b.WriteString(k.text)
		} else {
			b.WriteString(k.textContent())
		}
	}
	return b.String()
}

// TestHTML checks the page's structure against ranking: the table's rows,
// the chart's bars and each finding's section, with its lists and the
// diff of its fix.
func TestHTML(t *testing.T) {
	r := rankReport(t, rankProfile(), 0.01)
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, page.Bytes())
	for _, banned := range []string{"script", "link", "img", "iframe"} {
		if n := len(doc.all(tagged(banned))); n > 0 {
			t.Errorf("the page has %d <%s>: it must need nothing but itself", n, banned)
		}
	}

	// The table: one row per finding, in rank order, each linking to its
	// section.
	rows := doc.one(t, "ranking tables", func(e *element) bool { return e.attr["id"] == "ranking" }).all(tagged("tr"))
	wantRows := [][]string{
		{"#", "cum", "flat", "kind", "where", "verdict"},
		{"1", "31.0%", "1.0%", "poll loop", "exec/exec.go:21:13", "measure"},
		{"2", "28.0%", "22.0%", "state machine", "machines/machines.go:26:2", "measure"},
		{"3", "10.0%", "0.0%", "poll loop", "exec/exec.go:9:13", "measure"},
		{"4", "10.0%", "0.0%", "poll loop", "exec/exec.go:15:13", "measure"},
		{"5", "5.0%", "5.0%", "state machine", "machines/machines.go:121:2", "blocked"},
		{"6", "2.0%", "2.0%", "poll loop", "exec/exec.go:51:13", "not hot"},
		{"7", "2.0%", "0.0%", "poll loop", "exec/exec.go:27:13", "measure"},
		{"8", "1.4%", "1.4%", "transition-pointer", "machines/machines.go:134:6", "already transition-pointer"},
		{"9", "1.0%", "1.0%", "state machine", "machines/machines.go:66:2", "measure"},
		{"10", "1.0%", "0.0%", "poll loop", "exec/exec.go:33:13", "neither"},
		{"11", "1.0%", "0.0%", "poll loop", "exec/exec.go:45:13", "use PGO"},
		{"12", "0.9%", "0.9%", "state machine", "machines/machines.go:97:2", "not hot"},
		{"13", "0.9%", "0.0%", "poll loop", "exec/exec.go:39:13", "not hot"},
		{"14", "0.0%", "0.0%", "poll loop", "exec/exec.go:57:13", "not hot"},
	}
	if len(rows) != len(wantRows) {
		t.Fatalf("the table has %d rows, want %d", len(rows), len(wantRows))
	}
	for i, row := range rows {
		cells := texts(row.all(func(e *element) bool { return e.tag == "td" || e.tag == "th" }))
		if !slices.Equal(cells, wantRows[i]) {
			t.Errorf("table row %d = %q, want %q", i, cells, wantRows[i])
		}
		if i > 0 {
			if a := row.one(t, "links in a row", tagged("a")); a.attr["href"] != "#f"+wantRows[i][0] {
				t.Errorf("table row %d links to %q, want #f%s", i, a.attr["href"], wantRows[i][0])
			}
		}
	}

	// The chart: a bar per finding, 26 pixels apart, as wide as its
	// cumulative share over the largest (31%) of 560 pixels, and at least
	// 1: 560·28/31 = 505.8, 560·10/31 = 180.6, 560·5/31 = 90.3,
	// 560·2/31 = 36.1, 560·1.35/31 = 24.4, 560·1/31 = 18.1, 560·0.9/31 = 16.3.
	chart := doc.one(t, "charts", func(e *element) bool { return e.attr["id"] == "chart" })
	if h := chart.attr["height"]; h != strconv.Itoa(20+26*len(ranking)) {
		t.Errorf("the chart is %s pixels high, want 20 + 26 per finding", h)
	}
	wantBars := []struct{ label, width, pct string }{
		{"1. poll loop Task.Poll", "560", "31.0%"}, {"2. state machine M8.state", "505", "28.0%"},
		{"3. poll loop Task.Poll", "180", "10.0%"}, {"4. poll loop Task.Poll", "180", "10.0%"},
		{"5. state machine Gate.state", "90", "5.0%"}, {"6. poll loop Task.Poll", "36", "2.0%"},
		{"7. poll loop Task.Poll", "36", "2.0%"}, {"8. transition-pointer Stepper.step", "24", "1.4%"},
		{"9. state machine M7.state", "18", "1.0%"}, {"10. poll loop Task.Poll", "18", "1.0%"},
		{"11. poll loop Task.Poll", "18", "1.0%"},
		{"12. state machine Small.state", "16", "0.9%"}, {"13. poll loop Task.Poll", "16", "0.9%"},
		{"14. poll loop Task.Poll", "1", "0.0%"},
	}
	bars := chart.all(tagged("g"))
	if len(bars) != len(wantBars) {
		t.Fatalf("the chart has %d bars, want %d", len(bars), len(wantBars))
	}
	for i, g := range bars {
		labels := texts(g.all(tagged("text")))
		rect := g.one(t, "rects in a bar", tagged("rect"))
		y := strconv.Itoa(10 + 26*i)
		w := wantBars[i]
		if len(labels) != 2 || labels[0] != w.label || labels[1] != w.pct || rect.attr["width"] != w.width || rect.attr["y"] != y {
			t.Errorf("bar %d: labels %q, width %s at y %s; want [%q %q], width %s at y %s",
				i+1, labels, rect.attr["width"], rect.attr["y"], w.label, w.pct, w.width, y)
		}
	}

	// The sections: one per finding, with its lists, and the diff of its
	// fix (the same as the JSON golden's) where one is offered.
	sections := doc.all(classed("section", "finding"))
	if len(sections) != len(ranking) {
		t.Fatalf("%d sections, want %d", len(sections), len(ranking))
	}
	for i, s := range sections {
		if id := s.attr["id"]; id != "f"+strconv.Itoa(i+1) {
			t.Errorf("section %d has id %q", i+1, id)
		}
		var diff string
		if pre := s.all(classed("pre", "diff")); len(pre) == 1 {
			diff = pre[0].textContent()
		}
		if diff != r.Findings[i].Diff || (diff != "") != (ranking[i].fix == "offered") {
			t.Errorf("section %d shows the diff %q; want the finding's, and one only with a fix offered", i+1, diff)
		}
	}
	for _, c := range []struct {
		section int
		list    string
		want    []string
	}{
		{1, "impls", []string{"machines.*M8: state machine M8.state (m8State, 8 states)", "machines.*Plain", "machines.*Small: state machine Small.state (smallState, 3 states)"}},
		{2, "transitions", []string{
			"a1 at machines/machines.go:29:3", "a2 at machines/machines.go:31:3", "a3 at machines/machines.go:33:3",
			"a4 at machines/machines.go:35:3", "a5 at machines/machines.go:37:3", "a6 at machines/machines.go:39:3",
			"a7 at machines/machines.go:41:3"}},
		{5, "blockers", []string{
			"the states are strings, which cannot index a table at machines/machines.go:108:6",
			"the field is compared outside the consumer switch at machines/machines.go:127:9",
			"the field is compared outside the consumer switch at machines/machines.go:131:37"}},
		{5, "transitions", []string{"gateOpen at machines/machines.go:123:3", "gateDone at machines/machines.go:125:3"}},
		{10, "impls", []string{"machines.*Plain", "machines.*Stepper: transition-pointer machine Stepper.step"}},
	} {
		lists := sections[c.section-1].all(func(e *element) bool { return e.attr["class"] == c.list })
		if len(lists) != 1 {
			t.Errorf("section %d has %d %s lists, want 1", c.section, len(lists), c.list)
			continue
		}
		if got := texts(lists[0].all(tagged("li"))); !slices.Equal(got, c.want) {
			t.Errorf("section %d, %s: %q, want %q", c.section, c.list, got, c.want)
		}
	}
	// Drive's source, as pprof -list: its call's line hot (5% or more),
	// the line after it warm (some CPU), the others plain.
	var src []string
	for _, tr := range sections[0].one(t, "source tables in section 1", classed("table", "src")).all(tagged("tr"))[1:] {
		src = append(src, tr.attr["class"]+"|"+strings.Join(texts(tr.all(tagged("td"))), "|"))
	}
	if want := []string{"|||20|func Drive(t Task) {", "hot|1.0%|31.0%|21|\tfor !t.Poll() {", "warm|0.5%|0.5%|22|\t}", "|||23|}"}; !slices.Equal(src, want) {
		t.Errorf("section 1's source rows = %q, want %q", src, want)
	}
	if got := texts(sections[1].all(tagged("summary"))); !slices.Equal(got, []string{"7 transitions"}) {
		t.Errorf("section 2 sums up its transitions as %q, want 7 transitions", got)
	}
}

// loops returns the functions holding the ranked poll loops, in rank
// order.
func loops(r *report.Report) []string {
	var fns []string
	for _, f := range r.Findings {
		if f.Kind == report.KindPollLoop {
			fns = append(fns, strings.TrimPrefix(f.Func, execPkg))
		}
	}
	return fns
}

// TestWhichPollLoops checks which poll loops are ranked: every one that
// reaches a machine with a fix (as 'fsmvet whole' reports them), and every
// other one at or above -hot (docs/report.md).
func TestWhichPollLoops(t *testing.T) {
	for _, c := range []struct {
		hot  float64
		want []string
	}{
		// Quiet (1%, Plain only), Wait (1%, Plain and Stepper) and Stall
		// (2%, Gate, blocked) are in; Nap and Never, cold, reach Small
		// and M7.
		{0.01, []string{"Drive", "Churn", "Spin", "Stall", "Pump", "Wait", "Quiet", "Nap", "Never"}},
		{0.011, []string{"Drive", "Churn", "Spin", "Stall", "Pump", "Nap", "Never"}},
		// Above every loop's share: only those reaching a machine with a
		// fix (Drive and Spin reach M8, Pump and Never M7, Nap Small).
		{0.5, []string{"Drive", "Spin", "Pump", "Nap", "Never"}},
	} {
		if got := loops(rankReport(t, rankProfile(), c.hot)); !slices.Equal(got, c.want) {
			t.Errorf("-hot %v: loops %q, want %q", c.hot, got, c.want)
		}
	}
	// At -hot 0 every loop is hot: one the profile never saw is judged
	// by its calls, of which it saw none.
	r := rankReport(t, rankProfile(), 0)
	never := r.Findings[len(r.Findings)-1]
	if never.Func != execPkg+"Never" || never.Verdict != report.VerdictNotHot || never.Why != "the profile saw no call from this site" {
		t.Errorf("at -hot 0 the last finding is %s, %s: %s; want Never, not hot: the profile saw no call", never.Func, never.Verdict, never.Why)
	}
}

// TestNoStartLines checks a profile from Go before 1.20, whose functions
// have no start line: lines are matched as they are (here, those of the
// source as it is), with a warning, and every share is as in ranking.
func TestNoStartLines(t *testing.T) {
	p := rankProfile()
	shift := map[string]int64{execPkg + "Drive": 5, m8Poll: 3} // profiled before an edit above them
	for _, l := range p.Location {
		for i := range l.Line {
			l.Line[i].Line += shift[l.Line[i].Function.Name]
		}
	}
	for _, fn := range p.Function {
		fn.StartLine = 0
	}
	r := rankReport(t, p, 0.01)
	want := rankReport(t, rankProfile(), 0.01)
	if !slices.Equal(r.Warnings, []string{"cpu.pprof: no function start lines (a profile from Go before 1.20?): lines are matched as absolute, so edits above a function break the match"}) {
		t.Errorf("warnings = %q, want one saying the profile has no start lines", r.Warnings)
	}
	if len(r.Findings) != len(want.Findings) {
		t.Fatalf("%d findings, want %d", len(r.Findings), len(want.Findings))
	}
	for i, f := range r.Findings {
		w := want.Findings[i]
		if f.Posn != w.Posn || f.Flat != w.Flat || f.Cum != w.Cum || f.Verdict != w.Verdict || !slices.Equal(f.Source, w.Source) {
			t.Errorf("finding %d without start lines: %s %v/%v %s %v\nwant %s %v/%v %s %v",
				i+1, f.Posn, f.Flat, f.Cum, f.Verdict, f.Source, w.Posn, w.Flat, w.Cum, w.Verdict, w.Source)
		}
	}
}

// TestAnotherProgram checks the warning for a profile of which no
// function is in the program, and that nothing is then hot.
func TestAnotherProgram(t *testing.T) {
	p := &pprof.Profile{
		SampleType: []*pprof.ValueType{{Type: "cpu", Unit: "nanoseconds"}},
		Mapping:    []*pprof.Mapping{{ID: 1, BuildID: "b1d"}},
		Function:   []*pprof.Function{{ID: 1, Name: "example.com/other.Run", StartLine: 3}},
	}
	p.Location = []*pprof.Location{{ID: 1, Mapping: p.Mapping[0], Line: []pprof.Line{{Function: p.Function[0], Line: 4}}}}
	p.Sample = []*pprof.Sample{{Value: []int64{1000}, Location: p.Location}}
	r := rankReport(t, p, 0.01)
	want := []string{"cpu.pprof: none of the profile's functions is in example.com/rank/app example.com/rank/exec example.com/rank/machines: a profile of another program?"}
	if !slices.Equal(r.Warnings, want) {
		t.Errorf("warnings = %q, want %q", r.Warnings, want)
	}
	for _, f := range r.Findings {
		if f.Cum != 0 || f.Verdict != report.VerdictNotHot && f.Verdict != report.VerdictDone {
			t.Errorf("%s at %s: %v of CPU, %s; want none, not hot", f.Kind, f.Posn, f.Cum, f.Verdict)
		}
	}
	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "\n  warning: cpu.pprof: none of the profile's functions is in example.com/rank/app\n    example.com/rank/exec example.com/rank/machines: a profile of another program?\n") {
		t.Errorf("the text report does not give the warning, wrapped:\n%s", text.String())
	}
}

// TestNoFindings checks what each format says of a program without
// findings.
func TestNoFindings(t *testing.T) {
	r := &report.Report{Profiles: []string{"a.pprof", "b.pprof"}, Unit: "count", Total: 12, Hot: 0.05}
	var text, page, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if want := "fsmvet report: a.pprof, b.pprof (12 samples), hot from 5.0%\nno findings in these packages\n"; text.String() != want {
		t.Errorf("text = %q, want %q", text.String(), want)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"profiles\": [\n    \"a.pprof\",\n    \"b.pprof\"\n  ],\n  \"unit\": \"count\",\n  \"total\": 12,\n  \"hot\": 0.05,\n  \"findings\": null\n}\n"; js.String() != want {
		t.Errorf("JSON = %q, want %q", js.String(), want)
	}
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, page.Bytes())
	empty := doc.one(t, "empty notes", func(e *element) bool { return e.attr["id"] == "empty" })
	if got := empty.textContent(); got != "No findings in these packages." {
		t.Errorf("the page says %q", got)
	}
	if n := len(doc.all(classed("section", "finding"))); n != 0 {
		t.Errorf("the page has %d findings", n)
	}
}

// TestChangedSource checks that a fix that no longer fits its file (the
// file changed after the program was loaded) is an error naming the
// machine, not a diff of the wrong text.
func TestChangedSource(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(rankDir())); err != nil {
		t.Fatal(err)
	}
	prog, err := program.Load(program.Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if err := os.WriteFile(filepath.Join("machines", "machines.go"), []byte("package machines\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = report.Build(prog, parsed(t, rankProfile()), 0.01)
	if err == nil || !strings.HasPrefix(err.Error(), "the fix of M8.state at machines/machines.go:26:2: machines/machines.go: edit ") ||
		!strings.HasSuffix(err.Error(), "outside the 17 bytes of the file") {
		t.Errorf("Build after machines.go changed: %v; want an error naming the fix and the file", err)
	}
	if err := os.Remove(filepath.Join("machines", "machines.go")); err != nil {
		t.Fatal(err)
	}
	_, err = report.Build(prog, parsed(t, rankProfile()), 0.01)
	if err == nil || !strings.HasPrefix(err.Error(), "the fix of M8.state at machines/machines.go:26:2: reading the file it edits: ") {
		t.Errorf("Build after machines.go was removed: %v; want an error naming the fix", err)
	}
}

// TestCommand runs 'fsmvet report' on a copy of the fixture with
// rankProfile in cpu.pprof: each format is the golden one, warnings go to
// standard error, and each way of failing has its exit status.
func TestCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(rankDir())); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rankProfile().Write(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cpu.pprof"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := report.Main(args, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	for _, c := range []struct{ format, golden string }{{"text", "rank.txt"}, {"json", "rank.json"}} {
		code, stdout, stderr := run("-profile", "cpu.pprof", "-format", c.format, "./...")
		want, err := os.ReadFile(filepath.Join(startDir, "testdata", c.golden))
		if err != nil {
			t.Fatal(err)
		}
		if code != 0 || stdout != string(want) || stderr != "" {
			t.Errorf("fsmvet report -format=%s: exit %d, stderr %q, stdout as testdata/%s: %v", c.format, code, stderr, c.golden, stdout == string(want))
		}
	}
	// -verify: verify's measured verdicts in the ranking; a file that is
	// not verify's JSON is one error.
	verified := `{"machine": {"cpu": "Test CPU", "cores": 2, "goos": "linux", "goarch": "amd64", "go": "go1.26.8"},
		"findings": [{"name": "M8.state", "package": "example.com/rank/machines", "verdict": "rewrite", "why": "fix/original 0.91 [0.88, 0.95]"}]}`
	if err := os.WriteFile("verify.json", []byte(verified), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := run("-profile", "cpu.pprof", "-verify", "verify.json", "./..."); code != 0 || stderr != "" ||
		!strings.Contains(stdout, "   verdict: rewrite (measured) — fix/original 0.91 [0.88, 0.95] (measured on Test CPU, 2 cores,") {
		t.Errorf("fsmvet report -verify verify.json: exit %d, stderr %q, want M8's measured verdict:\n%s", code, stderr, stdout)
	}
	for file, want := range map[string]string{"cpu.pprof": "-verify: cpu.pprof: not fsmvet verify's JSON", "none.json": "-verify: open none.json"} {
		if code, _, stderr := run("-profile", "cpu.pprof", "-verify", file, "./..."); code != 1 || !strings.HasPrefix(stderr, "fsmvet report: "+want) {
			t.Errorf("fsmvet report -verify %s: exit %d, stderr %q; want 1 and %q", file, code, stderr, want)
		}
	}
	foreign := `{"findings": [{"name": "decompressor.step", "package": "example.com/other/flate", "verdict": "neither"}]}`
	if err := os.WriteFile("foreign.json", []byte(foreign), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("-profile", "cpu.pprof", "-verify", "foreign.json", "./..."); code != 0 ||
		stderr != "fsmvet report: warning: -verify foreign.json: none of its 1 findings is a finding of these packages\n" {
		t.Errorf("fsmvet report -verify foreign.json: exit %d, stderr %q; want 0 and a warning", code, stderr)
	}
	if code, _, stderr := run("./..."); code != 2 || !strings.HasSuffix(stderr, "fsmvet report: -profile is required\n") {
		t.Errorf("fsmvet report without -profile: exit %d, want 2 and the usage ending in why:\n%s", code, stderr)
	}
	if err := os.WriteFile("empty.json", []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("-profile", "cpu.pprof", "-verify", "empty.json", "./..."); code != 1 || !strings.Contains(stderr, "no findings list") {
		t.Errorf("fsmvet report -verify empty.json: exit %d, stderr %q; want 1 and no findings list", code, stderr)
	}
	code, stdout, stderr := run("-profile", "cpu.pprof", "-format=html", "-o", "r.html", "-hot", "0.5%", "./...")
	page, err := os.ReadFile("r.html")
	if code != 0 || stdout != "" || stderr != "" || err != nil || !bytes.Contains(page, []byte("hot from 0.5%.")) {
		t.Errorf("fsmvet report -format=html -o r.html -hot 0.5%%: exit %d, stdout %q, stderr %q, %v; want the page in r.html, hot from 0.5%%", code, stdout, stderr, err)
	}
	for _, c := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"-profile", "cpu.pprof", "-format=xml", "./..."}, 2, "fsmvet report: -format=xml: want text, json or html\n"},
		{[]string{"-profile", "cpu.pprof"}, 2, "usage: fsmvet report "},
		{[]string{"./..."}, 2, "usage: fsmvet report "},
		{[]string{"-nosuchflag", "./..."}, 2, "flag provided but not defined: -nosuchflag\n"},
		{[]string{"-profile", "nope.pprof", "./..."}, 1, "fsmvet report: reading profile: open nope.pprof: "},
		{[]string{"-profile", "cpu.pprof", "-o", filepath.Join("no", "such", "dir", "r.txt"), "./..."}, 1, "fsmvet report: open no/such/dir/r.txt: "},
	} {
		code, stdout, stderr := run(c.args...)
		if code != c.code || stdout != "" || !strings.HasPrefix(stderr, c.stderr) {
			t.Errorf("fsmvet report %q: exit %d, stdout %q, stderr %q; want %d and first %q", c.args, code, stdout, stderr, c.code, c.stderr)
		}
	}
	// A warning goes to standard error, and the report on.
	p := rankProfile()
	p.Mapping[0].BuildID = ""
	b.Reset()
	if err := p.Write(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("nobuildid.pprof", b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// A text report says it once, in the report; JSON on standard error
	// too, where a reader sees it.
	code, stdout, stderr = run("-profile", "nobuildid.pprof", "./...")
	if code != 0 || stderr != "" || strings.Count(stdout, "warning: nobuildid.pprof: no build ID") != 1 {
		t.Errorf("a profile with no build ID: exit %d, stderr %q, want 0, nothing there, and the warning once in the report:\n%s", code, stderr, stdout)
	}
	code, stdout, stderr = run("-profile", "nobuildid.pprof", "-format=json", "./...")
	if want := "fsmvet report: warning: nobuildid.pprof: no build ID: cannot check the profile comes from the program analysed\n"; code != 0 || stderr != want ||
		!strings.Contains(stdout, `"warnings": [`) {
		t.Errorf("a JSON report of a profile with no build ID: exit %d, stderr %q, want 0 and %q, and the warning in the JSON", code, stderr, want)
	}
	// Code that does not type-check is an error, each as file:line:col,
	// relative as findings are.
	if err := os.Mkdir("broken", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("broken", "broken.go"), []byte("package broken\n\nvar x int = \"no\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run("-profile", "cpu.pprof", "./...")
	if want := "fsmvet report: packages do not load or type-check:\n" + filepath.Join("broken", "broken.go") + ":3:13: "; code != 1 || stdout != "" || !strings.HasPrefix(stderr, want) {
		t.Errorf("fsmvet report on code that does not type-check: exit %d, stdout %q, stderr %q; want 1 and first %q", code, stdout, stderr, want)
	}
}

// TestLastLine checks the source of a function that ends a file with no
// final newline: its last line is shown.
func TestLastLine(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(rankDir())); err != nil {
		t.Fatal(err)
	}
	exec := filepath.Join(dir, "exec", "exec.go")
	src, err := os.ReadFile(exec)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exec, bytes.TrimSuffix(src, []byte("\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	prog, err := program.Load(program.Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	p := rankProfile()
	never := &pprof.Function{ID: uint64(len(p.Function) + 1), Name: execPkg + "Never", Filename: "exec/exec.go", StartLine: 56}
	p.Function = append(p.Function, never)
	at := &pprof.Location{ID: uint64(len(p.Location) + 1), Mapping: p.Mapping[0], Line: []pprof.Line{{Function: never, Line: 57}}}
	p.Location = append(p.Location, at)
	p.Sample = append(p.Sample, &pprof.Sample{Value: []int64{1, unit}, Location: []*pprof.Location{at}})
	t.Chdir(dir)
	r, err := report.Build(prog, parsed(t, p), 0.01)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range r.Findings {
		if f.Func == execPkg+"Never" {
			for _, l := range f.Source {
				lines = append(lines, strconv.Itoa(l.Number)+" "+l.Text)
			}
		}
	}
	if want := []string{"56 func Never(t Task) {", "57 \tfor !t.Poll() {", "58 \t}", "59 }"}; !slices.Equal(lines, want) {
		t.Errorf("Never's source = %q, want %q", lines, want)
	}
}

// TestGeneratedMachine checks a machine fsmswitch finds but does not
// report, since its switch is in a generated file (the generator is the
// place to act): it is ranked, with no fix and no message.
func TestGeneratedMachine(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod": "module example.com/gen\n\ngo 1.26\n",
		"gen.go": `// Code generated by hand. DO NOT EDIT.

package gen

type st uint8

const (
	s0 st = iota
	s1
	s2
)

type M struct{ state st }

func (m *M) Step() bool {
	switch m.state {
	case s0:
		m.state = s1
	case s1:
		m.state = s2
	default:
		return true
	}
	return false
}
`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	prog, err := program.Load(program.Config{Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	r, err := report.Build(prog, parsed(t, rankProfile()), 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("%d findings, want the machine", len(r.Findings))
	}
	f := r.Findings[0]
	if f.Kind != report.KindStateMachine || f.Posn != "gen.go:16:2" || f.Fix != "none" || f.Diff != "" || f.Message != "" || f.Verdict != report.VerdictNotHot {
		t.Errorf("the generated machine = %+v; want it at gen.go:16:2 with no fix, no message, not hot", f)
	}
}

// TestMeasured: verify's measured verdicts replace the profile's for the
// machines it measured, marked measured and naming the machine; a poll
// loop whose machines with a fix were all measured alike takes their
// verdict; what verify did not measure keeps its verdict.
func TestMeasured(t *testing.T) {
	r := rankReport(t, rankProfile(), 0.01)
	res := &verify.Result{
		Machine: verify.Machine{CPU: "Test CPU", Cores: 2, GOOS: "linux", GOARCH: "amd64", Go: "go1.26.8"},
		Findings: []verify.Finding{
			{Name: "M8.state", Package: "example.com/rank/machines", Verdict: verify.VerdictNeither, Why: "fix/original 1.02 [0.98, 1.05]"},
			{Name: "M7.state", Package: "example.com/rank/machines", Verdict: verify.VerdictPGO, Why: "PGO/original 0.90 [0.85, 0.93]"},
			{Name: "M8.state", Package: "example.com/other", Verdict: verify.VerdictRewrite, Why: "another package's machine"},
		},
	}
	if n := r.Measured(res); n != 6 { // M8, M7, and the hot loops reaching them (Drive, Churn, Spin; Pump)
		t.Errorf("%d findings took a measured verdict, want 6", n)
	}
	on := " (measured on " + res.Machine.String() + ")"
	for _, c := range []struct {
		posn, verdict, why string
		measured           bool
	}{
		{"machines/machines.go:26:2", verify.VerdictNeither, "fix/original 1.02 [0.98, 1.05]" + on, true},
		{"machines/machines.go:66:2", verify.VerdictPGO, "PGO/original 0.90 [0.85, 0.93]" + on, true},
		// Churn reaches M8 alone: its verdict.
		{"exec/exec.go:9:13", verify.VerdictNeither, "", true},
		// Drive reaches M8 and Small, which was not measured: its verdict
		// stays, with M8's.
		{"exec/exec.go:21:13", report.VerdictMeasure, "", true},
		{"machines/machines.go:121:2", report.VerdictBlocked, "", false},
	} {
		f := findingAt(t, r, c.posn)
		if f.Verdict != c.verdict || f.Measured != c.measured || c.why != "" && f.Why != c.why {
			t.Errorf("%s: verdict %q, measured %v, why %q; want %q, %v, %q", c.posn, f.Verdict, f.Measured, f.Why, c.verdict, c.measured, c.why)
		}
		if c.measured && c.verdict != report.VerdictMeasure && f.Verify != "" {
			t.Errorf("%s: measured, but still says to measure with %q", c.posn, f.Verify)
		}
	}
	if f := findingAt(t, r, "exec/exec.go:21:13"); f.Why != "31.0% of CPU under the call; its machines with a fix, measured on "+res.Machine.String()+": M8.state: neither" {
		t.Errorf("Drive's why does not list its measured machine: %q", f.Why)
	}
}

func findingAt(t *testing.T, r *report.Report, posn string) report.Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.Posn == posn {
			return f
		}
	}
	t.Fatalf("no finding at %s", posn)
	return report.Finding{}
}
