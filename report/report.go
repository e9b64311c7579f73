// Package report implements 'fsmvet report': the findings of a whole
// program ranked by their share of a CPU profile, each with a verdict
// grounded in what was measured, as a terminal table, JSON or an HTML page.
package report

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/edit"
	"github.com/fsmvet/fsmvet/internal/govet"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/generator"
	"github.com/fsmvet/fsmvet/passes/pollloop"
	"github.com/fsmvet/fsmvet/profile"
	"github.com/fsmvet/fsmvet/program"
	"github.com/fsmvet/fsmvet/verify"
)

// Kinds of finding. A generator's is its generator.Kind's name, which
// fsmvet verify's findings give too; its state machines are
// verify.KindStateMachine.
const (
	KindPollLoop          = "poll loop"
	KindStateMachine      = verify.KindStateMachine
	KindTransitionPointer = "transition-pointer"
	KindChannelGenerator  = "channel generator"
	KindPullLoop          = "iter.Pull loop"
)

// Verdicts.
const (
	VerdictMeasure = "measure" // hot, with a fix: only fsmvet verify can say whether it, PGO or both pay here
	VerdictPGO     = "use PGO" // a hot call site that go build -pgo devirtualizes, with no fix behind it
	VerdictNotHot  = "not hot" // below the -hot share
	VerdictBlocked = "blocked" // hot enough, but the rewrite is unsafe
	VerdictNeither = "neither" // hot, but there is nothing to rewrite and PGO cannot devirtualize the call
	VerdictDone    = "already transition-pointer"
)

// A Report is the ranked findings of a program under a profile.
type Report struct {
	Profiles []string  `json:"profiles"`
	Unit     string    `json:"unit"`
	Total    int64     `json:"total"`
	Hot      float64   `json:"hot"` // the share below which a finding is not hot
	Warnings []string  `json:"warnings,omitempty"`
	Findings []Finding `json:"findings"`
}

// A Finding is one ranked finding. Its JSON form is documented in
// docs/report.md and kept stable.
type Finding struct {
	Rank     int      `json:"rank"`
	Kind     string   `json:"kind"`
	Posn     string   `json:"posn"`
	Func     string   `json:"func"` // the function measured, as the profile names it
	Name     string   `json:"name"` // the machine (Struct.field) or the interface method
	Flat     float64  `json:"flat"` // share of the profile's total
	Cum      float64  `json:"cum"`
	States   int      `json:"states,omitempty"`
	Callees  []Callee `json:"callees,omitempty"` // poll loops: the concrete callees the profile saw
	Fix      string   `json:"fix"`               // "offered", "none", or "blocked: reasons"
	AtMost   float64  `json:"at_most"`           // the most a rewrite can save: the flat share of the dispatch (the switch's line, the call's line)
	Verdict  string   `json:"verdict"`
	Why      string   `json:"why"`
	Measured bool     `json:"measured,omitempty"` // the verdict is fsmvet verify's, measured
	Verify   string   `json:"verify,omitempty"`   // measure: the command that measures it
	Message  string   `json:"message"`            // the analyzer's diagnostic
	Source   []Line   `json:"source,omitempty"`
	Diff     string   `json:"diff,omitempty"`     // the fix as a unified diff
	Machines []string `json:"machines,omitempty"` // poll loops: the switch-dispatched machines among its implementations
	Exits    []Exit   `json:"exits,omitempty"`    // channel generators: the loops that can leave early, leaking the goroutine today

	// The full lists, which a lint finding cuts to a few related
	// positions.
	Transitions     []Transition `json:"transitions,omitempty"`     // state machines: every place that sets the state
	Blockers        []Blocker    `json:"blockers,omitempty"`        // state machines: everything that blocks the rewrite
	Implementations []Impl       `json:"implementations,omitempty"` // poll loops: every type the call graph says the call may reach

	pkg     string       // state machines and generators: the package path, part of the key of verify's findings
	fixable []machineRef // poll loops: the machines with a fix it reaches, sorted
	pos     token.Pos    // where it is, for ranking equals in position order
}

// A Transition is a place that sets a machine's state.
type Transition struct {
	Posn string `json:"posn"`
	To   string `json:"to"` // the state constant, or "(zero value)" when no constant is zero
}

// A Blocker is something that keeps the rewrite from keeping behaviour.
type Blocker struct {
	Posn   string `json:"posn"`
	Reason string `json:"reason"`
}

// An Exit is a loop over a channel generator that can leave before the
// channel is closed.
type Exit struct {
	Posn string   `json:"posn"`
	How  []string `json:"how"` // "break", "return", "panic", "goto", "continue"
}

// An Impl is a concrete type a poll loop's call may reach.
type Impl struct {
	Name    string `json:"name"`              // "pkg.*T"
	Machine string `json:"machine,omitempty"` // what fsmswitch knows of it, if it is a state machine
}

// A Callee is a function a poll loop's call reached, with its share of
// the calls.
type Callee struct {
	Name  string  `json:"name"`
	Share float64 `json:"share"`
}

// A Line is one source line of a finding's function with its samples.
type Line struct {
	Number int     `json:"line"`
	Text   string  `json:"text"`
	Flat   float64 `json:"flat"`
	Cum    float64 `json:"cum"`
}

// Build ranks the program's findings by the profile.
func Build(prog *program.Program, prof *profile.Profile, hot float64) (*Report, error) {
	r := &Report{Profiles: prof.Files, Unit: prof.Unit, Total: prof.Total, Hot: hot, Warnings: slices.Clone(prof.Warnings)}
	var paths []string
	for _, pkg := range prog.Roots {
		paths = append(paths, pkg.PkgPath)
	}
	if w := prof.Foreign(paths); w != "" {
		r.Warnings = append(r.Warnings, w)
	}
	b := &builder{prog: prog, prof: prof, hot: hot}
	for _, m := range prog.Machines {
		f, err := b.machine(m)
		if err != nil {
			return nil, err
		}
		r.Findings = append(r.Findings, f)
	}
	for _, l := range prog.PollLoops(true) {
		if f := b.pollLoop(l); b.ranked(f, l) {
			r.Findings = append(r.Findings, f)
		}
	}
	r.Findings = append(r.Findings, b.transitionPointers()...)
	for _, g := range prog.Generators {
		f, err := b.generator(g)
		if err != nil {
			return nil, err
		}
		if f.Fix == "offered" || f.Cum >= hot {
			r.Findings = append(r.Findings, f) // a refused one only when hot, as poll loops with nothing to rewrite
		}
	}
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(b.Cum, a.Cum), cmp.Compare(b.Flat, a.Flat), prog.Compare(a.pos, b.pos))
	})
	for i := range r.Findings {
		r.Findings[i].Rank = i + 1
	}
	return r, nil
}

// ranked decides which poll loops the report lists: every one that
// 'fsmvet whole' reports (it reaches a machine with a fix), whatever its
// share, and every other one that is hot. A ranking shows where the CPU
// goes: a hot loop is worth a line even when nothing behind it can be
// rewritten (its verdict then says to use PGO, or that neither pays), but
// the cold ones among the many loops that poll a Read or a Next would
// bury it.
func (b *builder) ranked(f Finding, l program.PollLoop) bool {
	return f.Cum >= b.hot || pollloop.Worth(l.Site, l.Impls, false, l.Module)
}

type builder struct {
	prog *program.Program
	prof *profile.Profile
	hot  float64
}

// machine ranks a switch-dispatched state machine by its consumer method.
func (b *builder) machine(m *fsmswitch.Machine) (Finding, error) {
	fn := profile.SymbolName(m.Consumer.Method)
	pos := m.Consumer.Stmt.Pos()
	f := Finding{Kind: KindStateMachine, Posn: b.prog.Posn(pos), Func: fn, Name: m.Name(),
		States: m.NumStates(), pkg: m.Type.Pkg().Path(), pos: pos}
	if pf := b.prof.Func(fn); pf != nil {
		f.Flat, f.Cum = b.prof.Share(pf.Flat), b.prof.Share(pf.Cum)
		at := offset(pf, b.prog.Fset.Position(pos).Line, b.prog.Fset.Position(m.Consumer.Decl.Pos()).Line)
		f.AtMost = b.prof.Share(pf.LineFlat[at])
		f.Source = b.source(m.Consumer.Decl, pf)
	}
	for _, t := range m.Transitions {
		to := "(zero value)"
		if t.To != nil {
			to = t.To.Name()
		}
		f.Transitions = append(f.Transitions, Transition{Posn: b.prog.Posn(t.Pos), To: to})
	}
	var reasons []string
	for _, bl := range m.Blockers {
		f.Blockers = append(f.Blockers, Blocker{Posn: b.blockerPosn(bl), Reason: bl.Reason})
		reasons = append(reasons, bl.String())
	}
	diag := b.diagnosticAt(pos)
	f.Message = diag.Message
	switch {
	case m.Blocked():
		f.Fix = "blocked: " + strings.Join(reasons, "; ")
	case len(diag.SuggestedFixes) > 0:
		f.Fix = "offered"
		diff, err := b.diff(diag.SuggestedFixes[0])
		if err != nil {
			return Finding{}, fmt.Errorf("the fix of %s at %s: %w", f.Name, f.Posn, err)
		}
		f.Diff = diff
	default:
		f.Fix = "none"
	}
	f.Verdict, f.Why = b.machineVerdict(f, m)
	if f.Verdict == VerdictMeasure {
		f.Verify = b.verifyCommand(f.pkg)
	}
	return f, nil
}

// blockerPosn places a blocker: at its position, or where fsmswitch says
// it is when that lies in a file the program did not load.
func (b *builder) blockerPosn(bl fsmswitch.Blocker) string {
	if !bl.Pos.IsValid() {
		return bl.Where
	}
	return b.prog.Posn(bl.Pos)
}

// machineVerdict judges a machine from the profile alone, which cannot
// say whether its rewrite pays: that depends on the CPU (the same rewrite
// of an HTTP parser was 8% faster on one machine and 17% slower on
// another), so a hot machine with a fix is to be measured.
func (b *builder) machineVerdict(f Finding, m *fsmswitch.Machine) (string, string) {
	switch {
	case f.Cum < b.hot:
		return VerdictNotHot, fmt.Sprintf("%.1f%% of CPU, under the %.1f%% threshold", 100*f.Cum, 100*b.hot)
	case m.Blocked():
		return VerdictBlocked, "hot, but the rewrite would not keep behaviour: " + m.Blockers[0].String()
	case f.Fix != "offered":
		return VerdictNeither, "hot, but no fix is offered"
	default:
		return VerdictMeasure, fmt.Sprintf("%.1f%% of CPU under it, of which at most %.1f%% is the switch's dispatch, all a rewrite can save%s; whether the fix, go build -pgo or both pay depends on this machine's CPU: measure them", 100*f.Cum, 100*f.AtMost, b.little(f.AtMost))
	}
}

// little says so when the most a rewrite can save is under -hot: the
// dispatch itself is not hot, whatever is under it.
func (b *builder) little(atMost float64) string {
	if atMost < b.hot {
		return fmt.Sprintf(" (under the %.1f%% threshold: expect little)", 100*b.hot)
	}
	return ""
}

// verifyCommand is the command that measures the fixes of the machines in
// the packages: fsmvet verify, with the report's profiles for PGO.
func (b *builder) verifyCommand(pkgs ...string) string {
	return "fsmvet verify -profile " + strings.Join(b.prof.Files, ",") + " " + strings.Join(pkgs, " ")
}

// pollLoop ranks a poll loop by the cumulative weight at its call.
func (b *builder) pollLoop(l program.PollLoop) Finding {
	fn := l.Site.Call.Parent()
	name := profile.SSAName(fn)
	d := l.Diagnostic()
	f := Finding{Kind: KindPollLoop, Posn: b.prog.Posn(l.Site.Pos()), Func: name,
		Name: types.TypeString(l.Site.Recv, pollloop.Qualifier(l.Pkg)) + "." + l.Site.Method.Name(),
		Fix:  "none", Message: d.Message, pos: l.Site.Pos()}
	site := profile.Site{Func: name}
	if pf := b.prof.Func(name); pf != nil {
		site.Offset = offset(pf, b.prog.Fset.Position(l.Site.Pos()).Line, b.prog.Fset.Position(fn.Pos()).Line)
		f.Flat, f.Cum = b.prof.Share(pf.LineFlat[site.Offset]), b.prof.Share(pf.LineCum[site.Offset])
		f.AtMost = f.Flat
		if decl, ok := fn.Syntax().(*ast.FuncDecl); ok {
			f.Source = b.source(decl, pf)
		}
	}
	seen := map[string]bool{}
	addMachine := func(tn *types.TypeName, fact *fsmswitch.MachineFact) {
		name := tn.Pkg().Name() + "." + tn.Name()
		if fact != nil && fact.Form == fsmswitch.SwitchForm && !seen[name] {
			seen[name] = true
			if len(fact.Blockers) == 0 {
				f.fixable = append(f.fixable, machineRef{tn.Pkg().Path(), fact.Field})
			}
			f.Machines = append(f.Machines, fmt.Sprintf("%s (%d states)", name, fact.States))
		}
	}
	for _, c := range b.prof.Callees(site) {
		f.Callees = append(f.Callees, Callee{Name: c.Name, Share: c.Share})
		// The profile may show callees the static call graph did not (a
		// task handed over only by a benchmark, or by reflection).
		if tn := b.receiverType(c.Name); tn != nil {
			addMachine(tn, b.prog.Known[tn])
		}
	}
	for _, impl := range l.Impls {
		addMachine(impl.Type, impl.Machine)
		f.Implementations = append(f.Implementations, implOf(impl))
	}
	slices.SortFunc(f.fixable, machineRef.compare)
	f.Verdict, f.Why = b.pollVerdict(f)
	if f.Verdict == VerdictMeasure {
		var pkgs []string
		for _, m := range f.fixable {
			if !slices.Contains(pkgs, m.pkg) {
				pkgs = append(pkgs, m.pkg)
			}
		}
		f.Verify = b.verifyCommand(pkgs...)
	}
	return f
}

// generator ranks a channel generator or an iter.Pull loop by the CPU
// under its sites (generator.Weigh), the hand-offs the most a rewrite
// can save.
func (b *builder) generator(g *generator.Finding) (Finding, error) {
	m := generator.Weigh(b.prof, g)
	f := Finding{Kind: g.Kind.String(), Posn: b.prog.Posn(g.Pos), Func: g.Func, Name: g.Name, pos: g.Pos,
		Flat: m.Flat, Cum: m.Cum, AtMost: m.Handoff, Message: g.Diagnostic.Message, Fix: "none"}
	if pkg, _ := b.prog.FuncAt(g.Pos); pkg != nil {
		f.pkg = pkg.PkgPath
	}
	var reasons []string
	for _, bl := range g.Blockers {
		f.Blockers = append(f.Blockers, Blocker{Posn: b.prog.Posn(bl.Pos), Reason: bl.Reason})
		reasons = append(reasons, bl.String())
	}
	for _, e := range g.Exits {
		f.Exits = append(f.Exits, Exit{Posn: b.prog.Posn(e.Pos), How: e.How})
	}
	switch {
	case len(g.Blockers) > 0:
		f.Fix = "blocked: " + strings.Join(reasons, "; ")
	case g.Fixed():
		f.Fix = "offered"
		diff, err := b.diff(g.Diagnostic.SuggestedFixes[0])
		if err != nil {
			return Finding{}, fmt.Errorf("the fix of %s at %s: %w", f.Name, f.Posn, err)
		}
		f.Diff = diff
	}
	f.Verdict, f.Why = b.generatorVerdict(f, g)
	if f.Verdict == VerdictMeasure {
		f.Verify = b.verifyCommand(f.pkg)
	}
	return f, nil
}

// generatorVerdict judges a generator from the profile. Its hand-offs
// are what the rewrite removes, but what it costs instead (a closure, an
// indirect call per value) depends on the code: a hot generator with a
// fix is to be measured, as a machine is.
func (b *builder) generatorVerdict(f Finding, g *generator.Finding) (string, string) {
	what := "hand-offs between goroutines"
	if g.Kind == generator.PullLoop {
		what = "coroutine switches"
	}
	switch {
	case f.Cum < b.hot:
		return VerdictNotHot, fmt.Sprintf("%.1f%% of CPU, under the %.1f%% threshold", 100*f.Cum, 100*b.hot)
	case len(g.Blockers) > 0:
		return VerdictBlocked, "hot, but the rewrite would change what the program does: " + g.Blockers[0].String()
	case f.Fix != "offered":
		return VerdictNeither, "hot, but no fix is offered"
	default:
		return VerdictMeasure, fmt.Sprintf("%.1f%% of CPU under it, of which %.1f%% is %s, all a rewrite can save%s; what the iterator costs instead depends on the code: measure the fix", 100*f.Cum, 100*f.AtMost, what, b.little(f.AtMost))
	}
}

// A machineRef names a machine as fsmvet verify does: its package path
// and Struct.field.
type machineRef struct{ pkg, name string }

func (m machineRef) compare(o machineRef) int {
	return cmp.Or(cmp.Compare(m.pkg, o.pkg), cmp.Compare(m.name, o.name))
}

// A generatorRef names a generator as fsmvet verify's findings and the
// report's both can: its package, its kind and the file and place it is
// at, which do not depend on the directory either command ran in (an
// iter.Pull loop's name, the sequence pulled, need not be unique).
type generatorRef struct{ pkg, kind, at string }

func generatorRefOf(pkg, kind, posn string) generatorRef {
	return generatorRef{pkg, kind, filepath.Base(posn)}
}

// implOf describes an implementation: its name, and what it is if it is
// a state machine.
func implOf(impl pollloop.Impl) Impl {
	i := Impl{Name: impl.String()}
	if impl.Machine != nil {
		i.Machine = impl.Machine.String()
	}
	return i
}

// pollVerdict judges a poll loop from the profile: a loop that reaches a
// machine with a fix is to be measured, as the machine is; otherwise PGO
// is what can remove its dispatch, when one callee takes its calls.
func (b *builder) pollVerdict(f Finding) (string, string) {
	mono := len(f.Callees) > 0 && f.Callees[0].Share >= 0.9
	switch {
	case f.Cum < b.hot:
		return VerdictNotHot, fmt.Sprintf("%.1f%% of CPU, under the %.1f%% threshold", 100*f.Cum, 100*b.hot)
	case len(f.Callees) == 0:
		return VerdictNotHot, "the profile saw no call from this site"
	case len(f.fixable) > 0:
		why := fmt.Sprintf("%.1f%% of CPU under the call, of which at most %.1f%% is the call itself%s; it reaches machines with a fix (%s): measure the fixes, go build -pgo and both", 100*f.Cum, 100*f.AtMost, b.little(f.AtMost), strings.Join(f.Machines, ", "))
		if mono {
			why += fmt.Sprintf("; %.0f%% of calls go to %s, which PGO can devirtualize", 100*f.Callees[0].Share, f.Callees[0].Name)
		}
		return VerdictMeasure, why
	case mono:
		return VerdictPGO, fmt.Sprintf("%.0f%% of calls go to %s: go build -pgo devirtualizes a site this monomorphic", 100*f.Callees[0].Share, f.Callees[0].Name)
	default:
		return VerdictNeither, fmt.Sprintf("megamorphic (%d callees), so PGO cannot devirtualize it, and no callee is a state machine with a fix", len(f.Callees))
	}
}

// transitionPointers lists the root packages' machines already in
// transition-pointer form, measured by the functions that take them.
func (b *builder) transitionPointers() []Finding {
	roots := map[*types.Package]bool{}
	for _, pkg := range b.prog.Roots {
		roots[pkg.Types] = true
	}
	var fs []Finding
	for tn, fact := range b.prog.Known {
		if fact.Form != fsmswitch.TransitionPointerForm || !roots[tn.Pkg()] {
			continue
		}
		f := Finding{Kind: KindTransitionPointer, Posn: b.prog.Posn(tn.Pos()), Func: tn.Pkg().Path() + "." + tn.Name(),
			Name: fact.Field, Fix: "none", Verdict: VerdictDone, pos: tn.Pos(),
			Message: "already in transition-pointer form: " + fact.String()}
		// Flat: the time in its methods and state functions themselves;
		// cumulative: the heaviest of them with what it calls (the driver
		// loop holds the others), or their flat time if more.
		var flat, cum int64
		for _, pf := range b.prof.Funcs() {
			if takes(pf.Name, tn) {
				flat += pf.Flat
				cum = max(cum, pf.Cum)
			}
		}
		f.Flat, f.Cum = b.prof.Share(flat), b.prof.Share(max(cum, flat))
		f.Why = fmt.Sprintf("%.1f%% of CPU under its methods and state functions; one indirect call per step already", 100*f.Cum)
		fs = append(fs, f)
	}
	return fs
}

// takes reports whether the profile function named name is a method of
// tn or a function of its package taking it (a state function), judged by
// the type checker's view of the package.
func takes(name string, tn *types.TypeName) bool {
	prefix := tn.Pkg().Path() + "."
	if !strings.HasPrefix(name, prefix) {
		return false
	}
	rest := name[len(prefix):]
	if strings.HasPrefix(rest, "(*"+tn.Name()+")") || strings.HasPrefix(rest, tn.Name()+".") {
		return true
	}
	fn, ok := tn.Pkg().Scope().Lookup(strings.SplitN(rest, ".", 2)[0]).(*types.Func)
	if !ok {
		return false
	}
	for p := range fn.Type().(*types.Signature).Params().Variables() {
		t := p.Type()
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		if named, ok := t.(*types.Named); ok && named.Obj() == tn {
			return true
		}
	}
	return false
}

// receiverType returns the type whose method a profile function name
// ("pkg/path.(*T).M" or "pkg/path.T.M") is, among the program's known
// machines.
func (b *builder) receiverType(name string) *types.TypeName {
	for tn := range b.prog.Known {
		prefix := tn.Pkg().Path() + "."
		if rest, ok := strings.CutPrefix(name, prefix); ok &&
			(strings.HasPrefix(rest, "(*"+tn.Name()+").") || strings.HasPrefix(rest, tn.Name()+".")) {
			return tn
		}
	}
	return nil
}

// diagnosticAt returns fsmswitch's diagnostic at pos.
func (b *builder) diagnosticAt(pos token.Pos) analysis.Diagnostic {
	for _, d := range b.prog.Diagnostics {
		if d.Analyzer == fsmswitch.Analyzer.Name && d.Pos == pos {
			return d.Diagnostic
		}
	}
	return analysis.Diagnostic{}
}

// source returns the lines of decl with their samples, as pprof -list.
// A line's samples are those at its offset from the first line of decl
// as it is now, so that an edit above the function keeps the match.
func (b *builder) source(decl *ast.FuncDecl, pf *profile.Func) []Line {
	start, end := b.prog.Fset.Position(decl.Pos()), b.prog.Fset.Position(decl.End())
	data, err := os.ReadFile(start.Filename)
	if err != nil {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	var out []Line
	for n := start.Line; n <= end.Line && n <= len(lines); n++ {
		off := offset(pf, n, start.Line)
		out = append(out, Line{Number: n, Text: lines[n-1], Flat: b.prof.Share(pf.LineFlat[off]), Cum: b.prof.Share(pf.LineCum[off])})
	}
	return out
}

// offset returns where the profile keeps the samples of line of a
// function that now starts at start: the offset from its first line, as
// PGO matches, or the line itself when the profile has no start lines.
func offset(pf *profile.Func, line, start int) int {
	if pf.StartLine == 0 {
		return line
	}
	return line - start
}

// diff renders a fix as a unified diff of each file it edits, in file
// name order, formatted as fsmvet -fix writes it (and -diff shows it).
func (b *builder) diff(fix analysis.SuggestedFix) (string, error) {
	byFile, err := edit.FromAnalysis(b.prog.Fset, fix.TextEdits)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	for _, name := range slices.Sorted(maps.Keys(byFile)) {
		src, err := os.ReadFile(name)
		if err != nil {
			return "", fmt.Errorf("reading the file it edits: %w", err)
		}
		fixed, err := edit.Apply(src, byFile[name])
		if err != nil {
			return "", fmt.Errorf("%s: %w", govet.Relative(name), err)
		}
		if fixed, err = format.Source(fixed); err != nil {
			return "", fmt.Errorf("%s: the fixed file does not parse: %w", govet.Relative(name), err)
		}
		out.WriteString(edit.Diff(govet.Relative(name), src, fixed, 2))
	}
	return out.String(), nil
}

// Measured puts fsmvet verify's verdicts in place of the profile's. A
// machine or a generator verify measured takes its verdict and the
// numbers behind it, marked measured, with the machine they were measured
// on; a poll loop whose machines with a fix were all measured lists their
// verdicts. A finding verify did not measure keeps its verdict. It
// returns how many findings took a measured verdict.
func (r *Report) Measured(res *verify.Result) int {
	machines := make(map[machineRef]verify.Finding)
	generators := make(map[generatorRef]verify.Finding)
	for _, fd := range res.Findings {
		switch fd.Kind {
		case verify.KindStateMachine, "": // "": verify's JSON from before it measured generators
			machines[machineRef{fd.Package, fd.Name}] = fd
		default:
			generators[generatorRefOf(fd.Package, fd.Kind, fd.Posn)] = fd
		}
	}
	on := "measured on " + res.Machine.String()
	n := 0
	for i := range r.Findings {
		f := &r.Findings[i]
		var fd verify.Finding
		var ok bool
		switch f.Kind {
		case KindStateMachine:
			fd, ok = machines[machineRef{f.pkg, f.Name}]
		case KindChannelGenerator, KindPullLoop:
			fd, ok = generators[generatorRefOf(f.pkg, f.Kind, f.Posn)]
		case KindPollLoop:
			var said []string
			all, alike := true, true
			for _, m := range f.fixable {
				fd, ok := machines[m]
				if !ok {
					all = false
					continue
				}
				said = append(said, fd.Name+": "+fd.Verdict)
				alike = alike && fd.Verdict == machines[f.fixable[0]].Verdict
			}
			if f.Verdict != VerdictMeasure || len(said) == 0 {
				continue
			}
			f.Why = fmt.Sprintf("%.1f%% of CPU under the call; its machines with a fix, %s: %s", 100*f.Cum, on, strings.Join(said, ", "))
			f.Measured = true
			n++
			if all && alike {
				f.Verdict, f.Verify = machines[f.fixable[0]].Verdict, ""
			}
		}
		if ok {
			f.Verdict, f.Why, f.Measured, f.Verify = fd.Verdict, fd.Why+" ("+on+")", true, ""
			n++
		}
	}
	return n
}
