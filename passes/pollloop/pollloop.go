package pollloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/fsmvet/fsmvet/internal/analyzerdoc"
	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/profile"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:       "pollloop",
	Doc:        analyzerdoc.MustSection(doc, "pollloop"),
	URL:        "https://pkg.go.dev/github.com/fsmvet/fsmvet/passes/pollloop",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer, fsmswitch.Analyzer, hotspot.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

var allFlag bool

func init() {
	Analyzer.Flags.BoolVar(&allFlag, "all", false,
		"also report polls of methods that are not state machines and return no bool (io.Reader.Read), and Next-style iterators")
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
		deps  []*types.Package
		impls map[*types.Interface][]Impl
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
				sc = &scope{deps: dependencies(pass.Pkg, pass.Files, skip), impls: make(map[*types.Interface][]Impl)}
				scopes[inTest] = sc
			}
			iface := interfaceOf(site.Recv)
			impls, ok := sc.impls[iface]
			if !ok {
				hidden := func(obj types.Object) bool { return !inTest && isTest(obj.Pos()) }
				impls = visibleImpls(pass.Pkg, sc.deps, hidden, iface, known)
				sc.impls[iface] = impls
			}
			if !Worth(site, impls, allFlag) {
				continue
			}
			d := Diagnostic(site, impls, types.RelativeTo(pass.Pkg), "visible")
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

// iteratorNames are methods whose loops walk a sequence rather than poll a
// task; they are reported only when an implementation is a state machine
// or with -pollloop.all.
var iteratorNames = map[string]bool{"Next": true, "Scan": true, "More": true, "HasNext": true, "Advance": true, "Valid": true}

// Worth decides whether a poll site is reported: always when it may
// dispatch to a switch-dispatched state machine (a machine already in
// transition-pointer form pays one dispatch, which is the goal); otherwise when a bool "done" result decides
// the loop and the method is not an iterator's, or when all is set.
func Worth(site *Site, impls []Impl, all bool) bool {
	for _, impl := range impls {
		if impl.Machine != nil && impl.Machine.Form == fsmswitch.SwitchForm {
			return true
		}
	}
	return all || site.Bool && !iteratorNames[site.Method.Name()]
}

// Diagnostic describes a poll site and what it dispatches to. scope names
// where the implementations come from: "visible" (this package and its
// dependencies) or "possible" (a whole-program call graph).
func Diagnostic(site *Site, impls []Impl, qf types.Qualifier, scope string) analysis.Diagnostic {
	var msg strings.Builder
	fmt.Fprintf(&msg, "interface-dispatched poll loop: %s.%s ", types.TypeString(site.Recv, qf), site.Method.Name())
	if site.Shape == BlockOn {
		msg.WriteString("decides when this loop ends (one boxed task); every step pays an interface call")
	} else {
		msg.WriteString("decides whether the task is queued again (an executor); every step pays an interface call")
	}
	msg.WriteString("; " + describeImpls(impls, scope))
	var related []analysis.RelatedInformation
	for _, impl := range impls {
		text := "implementation " + impl.String()
		if impl.Machine != nil {
			text += ": " + impl.Machine.String()
		}
		related = append(related, analysis.RelatedInformation{Pos: impl.Type.Pos(), Message: text})
	}
	return analysis.Diagnostic{Pos: site.Pos(), Category: "poll-loop", Message: msg.String(), Related: related}
}

// describeImpls says how many implementations are switch-dispatched state
// machines and how many are already in transition-pointer form.
func describeImpls(impls []Impl, scope string) string {
	if len(impls) == 0 {
		return fmt.Sprintf("no %s implementation (run 'fsmvet whole' on the program to see them)", scope)
	}
	var switches, pointers []string
	for _, impl := range impls {
		switch {
		case impl.Machine == nil:
		case impl.Machine.Form == fsmswitch.TransitionPointerForm:
			pointers = append(pointers, impl.String())
		default:
			switches = append(switches, fmt.Sprintf("%s (%s, %d states)", impl, impl.Machine.Field, impl.Machine.States))
		}
	}
	var parts []string
	if len(switches) > 0 {
		verb := "is a switch-dispatched state machine"
		if len(switches) > 1 {
			verb = "are switch-dispatched state machines"
		}
		parts = append(parts, fmt.Sprintf("%d of the %d %s implementations %s (double dispatch per step): %s",
			len(switches), len(impls), scope, verb, strings.Join(switches, ", ")))
	}
	if len(pointers) > 0 {
		parts = append(parts, fmt.Sprintf("%d already in transition-pointer form: %s", len(pointers), strings.Join(pointers, ", ")))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("none of the %d %s implementations is a known state machine", len(impls), scope)
	}
	return strings.Join(parts, "; ")
}
