package pollloop

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/fsmvet/fsmvet/internal/analyzerdoc"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/profile"
)

var Analyzer = &analysis.Analyzer{
	Name:       "pollloop",
	Doc:        analyzerdoc.MustSection(doc, "pollloop"),
	URL:        "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/pollloop",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer, fsmswitch.Analyzer, hotspot.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// doc is the manual: Analyzer.Doc is its section on the analyzer.
//
//go:embed doc.go
var doc string

var allFlag bool

func init() {
	Analyzer.Flags.BoolVar(&allFlag, "all", false,
		"report every poll loop, not only those that may call a state machine fsmswitch offers to rewrite")
}

// Result lists the poll loops found in the package, reported or not, for
// drivers that work per package (an editor); the whole-program mode runs
// Find itself over one SSA program instead.
type Result struct {
	Sites []*Site
}

func run(pass *analysis.Pass) (any, error) {
	ssaInfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	known := pass.ResultOf[fsmswitch.Analyzer].(*fsmswitch.Result).Known
	hot := pass.ResultOf[hotspot.Analyzer].(*hotspot.Result)
	// A call in a non-test file is described from the non-test files, so
	// that a package and its test variant (which imports more) say the
	// same; a call in a test file is only ever seen with the tests.
	isTest := func(pos token.Pos) bool { return strings.HasSuffix(pass.Fset.File(pos).Name(), "_test.go") }
	type scope struct {
		candidates []*types.TypeName
		impls      map[*types.Interface][]Impl
	}
	scopes := make(map[bool]*scope) // by whether the call is in a test file; built on first need
	var sites []*Site
	for _, fn := range ssaInfo.SrcFuncs {
		for _, site := range Find(fn) {
			sites = append(sites, site)
			inTest := isTest(site.Pos())
			sc := scopes[inTest]
			if sc == nil {
				skip := func(f *ast.File) bool { return !inTest && isTest(f.Pos()) }
				hidden := func(obj types.Object) bool { return !inTest && isTest(obj.Pos()) }
				sc = &scope{candidates: candidates(pass.Pkg, pass.TypesInfo, pass.Files, skip, hidden), impls: make(map[*types.Interface][]Impl)}
				scopes[inTest] = sc
			}
			iface := interfaceOf(site.Recv)
			impls, ok := sc.impls[iface]
			if !ok {
				impls = visibleImpls(sc.candidates, iface, known)
				sc.impls[iface] = impls
			}
			if !Worth(site, impls, allFlag, modulePath(pass)) {
				continue
			}
			d := Diagnostic(site, impls, Qualifier(pass.Pkg), "visible")
			for i, r := range d.Related {
				if !ownFile(pass, r.Pos) {
					d.Related[i].Pos = lineStart(pass.Fset, r.Pos)
				}
			}
			offset := pass.Fset.Position(site.Pos()).Line - pass.Fset.Position(fn.Pos()).Line
			keep, err := hot.Annotate(&d, profile.SSAName(fn), &offset)
			if err != nil {
				return nil, err
			}
			if keep {
				pass.Report(d)
			}
		}
	}
	return &Result{Sites: sites}, nil
}

// Worth decides whether a poll loop in a package of module (its path; ""
// when unknown) is reported. By default only when the call may run one
// step of a switch-dispatched state machine that fsmswitch offers to
// rewrite, in the same module: the method called is one of the machine's
// steps (its consumer, or a method calling it once), so every iteration
// pays two dispatches; and a finding that fails a build must name
// something its reader can do, which a machine in a dependency is not
// (fasthttp's Read loops reach klauspost/compress's inflater). A Read
// loop over a reader that steps its machine many times per call is not
// reported either (compress/gzip's Read over the inflater). With all,
// every poll loop is.
func Worth(site *Site, impls []Impl, all bool, module string) bool {
	return all || slices.ContainsFunc(impls, func(i Impl) bool {
		return i.fixable() && i.steppedBy(site.Method.Name()) && inModule(i.Type.Pkg(), module)
	})
}

// modulePath returns the path of the module of the package a pass
// analyses, or "" when the driver does not say (go vet on std).
func modulePath(pass *analysis.Pass) string {
	if pass.Module == nil {
		return ""
	}
	return pass.Module.Path
}

// inModule reports whether pkg belongs to the module with the given path,
// judged by its import path; any package does when the module is unknown.
func inModule(pkg *types.Package, module string) bool {
	return module == "" || pkg.Path() == module || strings.HasPrefix(pkg.Path(), module+"/")
}

// Qualifier names types in messages: those of pkg bare, others by their
// package's name (grpc_testing.TestService_FullDuplexCallServer, not its
// import path), as Go code names them.
func Qualifier(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}

// maxRelated is how many implementations a finding points at, so that it
// stays a few lines of go vet output when an interface has dozens.
const maxRelated = 5

// Diagnostic describes a poll site and what it dispatches to. scope names
// where the implementations come from: "visible" (this package and its
// dependencies) or "possible" (a whole-program call graph).
func Diagnostic(site *Site, impls []Impl, qf types.Qualifier, scope string) analysis.Diagnostic {
	shown := slices.Clone(impls)
	slices.SortStableFunc(shown, func(a, b Impl) int { return cmp.Compare(a.group(), b.group()) })
	shown = shown[:min(len(shown), maxRelated)]
	name := namer(shown)
	var related []analysis.RelatedInformation
	for _, impl := range shown {
		related = append(related, analysis.RelatedInformation{Pos: impl.Type.Pos(), Message: "implementation " + name(impl) + explain(impl)})
	}
	msg := "poll loop: " + loopText(site, qf) + "; " + describeImpls(impls, shown, name, scope)
	return analysis.Diagnostic{Pos: site.Pos(), Category: "poll-loop", Message: msg, Related: related}
}

// loopText says what the loop does with the call.
func loopText(site *Site, qf types.Qualifier) string {
	method := types.TypeString(site.Recv, qf) + "." + site.Method.Name()
	if site.Shape == Executor {
		return "an executor calls " + method + " through an interface on each task, and its result decides whether the task is queued again"
	}
	return method + " is called through an interface on every iteration until its result ends the loop"
}

// A phrase says what some implementations are, for one of them and for
// several.
type phrase struct{ one, many string }

func (p phrase) count(n int) string {
	if n == 1 {
		return "1 " + p.one
	}
	return fmt.Sprint(n) + " " + p.many
}

var groupPhrases = [...]phrase{
	switchGroup:  {"is a state machine that also switches on its state every step", "are state machines that also switch on their state every step"},
	pointerGroup: {"already calls its next step through a function field", "already call their next step through a function field"},
	otherGroup:   {"is not a known state machine", "are not known state machines"},
}

// describeImpls says what the implementations are, how many of each
// group, and names those shown, saying how many are not.
func describeImpls(impls, shown []Impl, name func(Impl) string, scope string) string {
	switch len(impls) {
	case 0:
		if scope == "visible" {
			return "no visible implementation (run 'fsmvet whole' on the program to see the ones it calls)"
		}
		// The call graph reaches the loop with no task: the program never
		// hands it one (a library's loop, or one its tests do not drive).
		return "no implementation reaches it in this program"
	case 1:
		return "its one " + scope + " implementation " + groupPhrases[impls[0].group()].one + ": " + listImpls(impls, shown, name)
	}
	var counts [len(groupPhrases)]int
	for _, impl := range impls {
		counts[impl.group()]++
	}
	var parts []string
	for g, n := range counts {
		if n > 0 {
			parts = append(parts, groupPhrases[g].count(n))
		}
	}
	what := strings.Join(parts, ", ")
	if counts[otherGroup] == len(impls) {
		what = "none is a known state machine"
	}
	return fmt.Sprintf("of its %d %s implementations, %s: %s", len(impls), scope, what, listImpls(impls, shown, name))
}

// listImpls names the implementations shown, saying for each state
// machine its field, its number of states and whether fsmswitch offers a
// fix, and how many more there are.
func listImpls(impls, shown []Impl, name func(Impl) string) string {
	var names []string
	for _, impl := range shown {
		s := name(impl)
		if impl.group() == switchGroup {
			fix := "fix offered"
			if !impl.fixable() {
				fix = "rewrite blocked"
			}
			s += fmt.Sprintf(" (%s, %d states, %s)", impl.Machine.Field, impl.Machine.States, fix)
		}
		names = append(names, s)
	}
	list := strings.Join(names, ", ")
	if more := len(impls) - len(shown); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	return list
}

// explain says, at an implementation, what it does each step.
func explain(impl Impl) string {
	m := impl.Machine
	switch impl.group() {
	case switchGroup:
		s := fmt.Sprintf(": switches on %s (%d states) every step", m.Field, m.States)
		if len(m.Blockers) == 0 {
			return s + "; fsmswitch offers a fix"
		}
		s += "; the rewrite is blocked: " + m.Blockers[0]
		if more := len(m.Blockers) - 1; more > 0 {
			s += fmt.Sprintf(" (and %d more)", more)
		}
		return s
	case pointerGroup:
		if m.Form == fsmswitch.TableForm {
			return ": calls its step through a table indexed by " + m.Field
		}
		return ": calls its next step through " + m.Field
	}
	return ""
}

// ownFile reports whether pos is in one of the package's files.
func ownFile(pass *analysis.Pass, pos token.Pos) bool {
	tf := pass.Fset.File(pos)
	return slices.ContainsFunc(pass.Files, func(f *ast.File) bool { return pass.Fset.File(f.Pos()) == tf })
}

// lineStart returns the start of pos's line. Positions in other packages
// are printed so: a driver that reads them from export data (go vet)
// knows their line and not their column, and what fsmvet prints must not
// depend on the driver.
func lineStart(fset *token.FileSet, pos token.Pos) token.Pos {
	tf := fset.File(pos)
	return tf.LineStart(tf.Line(pos))
}
