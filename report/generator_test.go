package report_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	pprof "github.com/google/pprof/profile"

	"github.com/fsmvet/fsmvet/profile"
	"github.com/fsmvet/fsmvet/program"
	"github.com/fsmvet/fsmvet/report"
	"github.com/fsmvet/fsmvet/verify"
)

// genProfile is a CPU profile of testdata/genrank written by hand, in
// units of 1/10,000 of it:
//
//	3000 chanrecv2 under CountWords' loop line    words: cum, hand-off
//	1000 CountWords' n++ line                      nothing
//	1500 chansend1 under words' goroutine          words: cum, hand-off
//	 500 words' goroutine itself                   words: cum, flat
//	 400 chansend1 under Lines' goroutine          Lines: cum, hand-off
//	 200 Lines' goroutine itself                   Lines: cum, flat
//	  50 a Pull closure under Sum's next() line    Sum's pull: cum, hand-off
//	3350 elsewhere
func genProfile(t *testing.T) *profile.Profile {
	t.Helper()
	const pkg = "example.com/genrank/gen."
	var fns []*pprof.Function
	var locs []*pprof.Location
	fn := map[string]*pprof.Function{}
	for _, f := range []struct {
		name  string
		start int64
	}{{pkg + "words.func1", 15}, {pkg + "CountWords", 25}, {pkg + "Lines.func1", 39}, {pkg + "Sum", 49},
		{"runtime.chanrecv2", 1}, {"runtime.chansend1", 1}, {"iter.Pull[go.shape.int].func2", 1}, {"runtime.usleep", 1}} {
		fn[f.name] = &pprof.Function{ID: uint64(len(fns) + 1), Name: f.name, StartLine: f.start}
		fns = append(fns, fn[f.name])
	}
	sample := func(w int64, frames ...string) *pprof.Sample {
		s := &pprof.Sample{Value: []int64{w * 1000}}
		for _, fr := range frames {
			name, line, _ := strings.Cut(fr, ":")
			n := int64(0)
			for _, c := range line {
				n = 10*n + int64(c-'0')
			}
			l := &pprof.Location{ID: uint64(len(locs) + 1), Line: []pprof.Line{{Function: fn[name], Line: n}}}
			locs = append(locs, l)
			s.Location = append(s.Location, l)
		}
		return s
	}
	p := &pprof.Profile{
		SampleType: []*pprof.ValueType{{Type: "cpu", Unit: "nanoseconds"}},
		Sample: []*pprof.Sample{
			sample(3000, "runtime.chanrecv2:2", pkg+"CountWords:27"),
			sample(1000, pkg+"CountWords:31"),
			sample(1500, "runtime.chansend1:2", pkg+"words.func1:18"),
			sample(500, pkg+"words.func1:17"),
			sample(400, "runtime.chansend1:2", pkg+"Lines.func1:42"),
			sample(200, pkg+"Lines.func1:41"),
			sample(50, "iter.Pull[go.shape.int].func2:2", pkg+"Sum:54"),
			sample(3350, "runtime.usleep:2"),
		},
		Location: locs,
		Function: fns,
	}
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

// TestGenerators: channel generators and iter.Pull loops are ranked next
// to state machines, by the CPU under them, the hand-offs the most a
// rewrite can save; a hot one with a fix is to be measured, a hot one
// whose fix is refused is blocked, a cold one is not hot. The JSON keeps
// the loops that leave early.
func TestGenerators(t *testing.T) {
	prog, err := program.Load(program.Config{Dir: filepath.Join("..", "testdata", "genrank")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(prog, genProfile(t), 0.01)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		kind, name, posn       string
		cum, flat, atMost      float64
		verdict, fix, whyStart string
	}
	want := []row{
		{report.KindChannelGenerator, "words", "gen.go:13:6", 0.50, 0.05, 0.45, report.VerdictMeasure, "offered",
			"50.0% of CPU under it, of which 45.0% is hand-offs between goroutines, all a rewrite can save; what the iterator costs instead depends on the code: measure the fix"},
		{report.KindChannelGenerator, "Lines", "gen.go:37:6", 0.06, 0.02, 0.04, report.VerdictBlocked, "blocked: Lines is exported",
			"hot, but the rewrite would change what the program does: Lines is exported"},
		{report.KindPullLoop, "iter.Pull(slices.Values(xs))", "gen.go:50:16", 0.005, 0, 0.005, report.VerdictNotHot, "offered",
			"0.5% of CPU, under the 1.0% threshold"},
	}
	if len(r.Findings) != len(want) {
		t.Fatalf("%d findings, want %d: %+v", len(r.Findings), len(want), r.Findings)
	}
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	for i, w := range want {
		f := r.Findings[i]
		if f.Rank != i+1 || f.Kind != w.kind || f.Name != w.name || !strings.HasSuffix(f.Posn, w.posn) ||
			!near(f.Cum, w.cum) || !near(f.Flat, w.flat) || !near(f.AtMost, w.atMost) ||
			f.Verdict != w.verdict || !strings.HasPrefix(f.Fix, w.fix) || !strings.HasPrefix(f.Why, w.whyStart) {
			t.Errorf("finding %d:\n got %d %s %s %s cum %v flat %v at most %v, %s, fix %q, why %q\nwant %+v",
				i+1, f.Rank, f.Kind, f.Name, f.Posn, f.Cum, f.Flat, f.AtMost, f.Verdict, f.Fix, f.Why, w)
		}
	}
	words, lines := r.Findings[0], r.Findings[1]
	if !strings.Contains(words.Diff, "+func words(s string) iter.Seq[string] {") || words.Func != "example.com/genrank/gen.words" {
		t.Errorf("words: func %q, diff:\n%s", words.Func, words.Diff)
	}
	if len(words.Exits) != 1 || !strings.HasSuffix(words.Exits[0].Posn, "gen.go:27:2") || !slices.Equal(words.Exits[0].How, []string{"break"}) {
		t.Errorf("words' exits: %+v, want the loop at gen.go:27:2 (break)", words.Exits)
	}
	if len(lines.Blockers) != 1 || lines.Diff != "" || lines.Exits != nil {
		t.Errorf("Lines: blockers %+v, diff %q, exits %v: want one blocker, no diff, no exit", lines.Blockers, lines.Diff, lines.Exits)
	}
	var out bytes.Buffer
	if err := r.WriteJSON(&out); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if exits, ok := doc.Findings[0]["exits"].([]any); !ok || len(exits) != 1 || doc.Findings[0]["kind"] != "channel generator" {
		t.Errorf("JSON of words: %v", doc.Findings[0])
	}
	if _, ok := doc.Findings[1]["exits"]; ok {
		t.Errorf("JSON of Lines has exits: %v", doc.Findings[1])
	}
	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "loops that leave early, leaking the goroutine:") {
		t.Errorf("the text report does not name the loop that leaves early:\n%s", text.String())
	}
	cooler, err := report.Build(prog, genProfile(t), 0.07)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, f := range cooler.Findings {
		kept = append(kept, f.Name)
	}
	if want := []string{"words", "iter.Pull(slices.Values(xs))"}; !slices.Equal(kept, want) {
		t.Errorf("with -hot 7%%, ranked %v, want %v: a refused generator under -hot is left out, one with a fix is not", kept, want)
	}
	var html bytes.Buffer
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "Loops that leave early, leaking the goroutine: <code>") {
		t.Errorf("the HTML report does not name the loop that leaves early")
	}
}

// TestMeasuredGenerators: a hot generator with a fix gives the command
// that measures it, and takes the verdict fsmvet verify measured for it,
// matched by package, kind and file position whichever directory verify
// ran in; a verify finding elsewhere, of another kind or from verify's
// JSON before it had kinds (state machines only) leaves it alone.
func TestMeasuredGenerators(t *testing.T) {
	prog, err := program.Load(program.Config{Dir: filepath.Join("..", "testdata", "genrank")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	build := func() *report.Report {
		r, err := report.Build(prog, genProfile(t), 0.01)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	const pkg = "example.com/genrank/gen"
	r := build()
	if words := findingNamed(t, r, "words"); words.Verdict != report.VerdictMeasure || words.Verify != "fsmvet verify -profile cpu.pprof "+pkg {
		t.Errorf("words: %q, verify %q; want measure, with the command", words.Verdict, words.Verify)
	}
	machine := verify.Machine{CPU: "Test CPU", Cores: 2, GOOS: "linux", GOARCH: "amd64", Go: "go1.26.8"}
	// Named as verify names them from the module's root; the report ran
	// elsewhere.
	res := &verify.Result{Machine: machine, Findings: []verify.Finding{
		{Name: "words", Kind: report.KindChannelGenerator, Package: pkg, Posn: "gen/gen.go:13:6", Verdict: verify.VerdictRewrite, Why: "Words: fix/original 0.024"},
		{Name: "iter.Pull(slices.Values(xs))", Kind: report.KindPullLoop, Package: pkg, Posn: "gen/gen.go:50:16", Verdict: verify.VerdictRewritePGO, Why: "Sum: fix/original 0.004"},
	}}
	if n := r.Measured(res); n != 2 {
		t.Errorf("%d findings took a measured verdict, want 2", n)
	}
	on := " (measured on " + machine.String() + ")"
	for name, want := range map[string]string{"words": verify.VerdictRewrite, "iter.Pull(slices.Values(xs))": verify.VerdictRewritePGO} {
		f := findingNamed(t, r, name)
		if f.Verdict != want || !f.Measured || f.Verify != "" || !strings.HasSuffix(f.Why, on) {
			t.Errorf("%s: %q, measured %v, verify %q, why %q; want %q, measured, no command", name, f.Verdict, f.Measured, f.Verify, f.Why, want)
		}
	}
	for _, fd := range []verify.Finding{
		{Name: "words", Kind: report.KindChannelGenerator, Package: "example.com/other", Posn: "gen/gen.go:13:6"},
		{Name: "words", Kind: report.KindChannelGenerator, Package: pkg, Posn: "gen/gen.go:14:6"},
		{Name: "words", Kind: report.KindPullLoop, Package: pkg, Posn: "gen/gen.go:13:6"},
		{Name: "words", Package: pkg, Posn: "gen/gen.go:13:6"}, // no kind: a machine
	} {
		fd.Verdict = verify.VerdictRewrite
		r := build()
		if n := r.Measured(&verify.Result{Machine: machine, Findings: []verify.Finding{fd}}); n != 0 {
			t.Errorf("%+v: %d findings took its verdict", fd, n)
		}
		if f := findingNamed(t, r, "words"); f.Measured || f.Verdict != report.VerdictMeasure {
			t.Errorf("%+v: words is %q, measured %v", fd, f.Verdict, f.Measured)
		}
	}
}

func findingNamed(t *testing.T, r *report.Report, name string) report.Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no finding named %s", name)
	return report.Finding{}
}
