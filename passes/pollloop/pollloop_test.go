package pollloop_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/pprof/profile"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"
	xssautil "golang.org/x/tools/go/ssa/ssautil"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/passes/pollloop"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestPollLoops: by default, only loops that may call a state machine
// fsmswitch offers to rewrite are reported.
func TestPollLoops(t *testing.T) {
	analysistest.Run(t, testdata(t), pollloop.Analyzer, "poll", "pollsteps")
}

// TestAll: with -pollloop.all, every poll loop is reported.
func TestAll(t *testing.T) {
	if err := pollloop.Analyzer.Flags.Set("all", "true"); err != nil {
		t.Fatal(err)
	}
	defer pollloop.Analyzer.Flags.Set("all", "false")
	analysistest.Run(t, testdata(t), pollloop.Analyzer, "pollall")
}

// TestProfile: with -profile, a poll loop's finding gives the CPU spent at
// its call, found by the call's line offset in its function, and what the
// call reached there.
func TestProfile(t *testing.T) {
	// Line numbers in a profile count from the function's first line:
	// BlockOn starts at 100 here, its call is 2 lines down.
	blockOn := &profile.Function{ID: 1, Name: "pollprof.BlockOn", StartLine: 100}
	poll := &profile.Function{ID: 2, Name: "polltasks.(*Sender).Poll", StartLine: 200}
	atCall := &profile.Location{ID: 1, Line: []profile.Line{{Function: blockOn, Line: 102}}}
	after := &profile.Location{ID: 2, Line: []profile.Line{{Function: blockOn, Line: 103}}}
	inPoll := &profile.Location{ID: 3, Line: []profile.Line{{Function: poll, Line: 201}}}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "cpu", Unit: "nanoseconds"}},
		Sample: []*profile.Sample{
			{Location: []*profile.Location{inPoll, atCall}, Value: []int64{75}},
			{Location: []*profile.Location{after}, Value: []int64{25}},
		},
		Location: []*profile.Location{atCall, after, inPoll},
		Function: []*profile.Function{blockOn, poll},
	}
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	flag := hotspot.Analyzer.Flags.Lookup("profile")
	if err := flag.Value.Set(path); err != nil {
		t.Fatal(err)
	}
	defer func() {
		flag.Value.Set("") // an error, having emptied the list
		if flag.Value.String() != "" {
			t.Fatalf("-profile still set to %q: later tests would see it", flag.Value.String())
		}
	}()
	analysistest.Run(t, testdata(t), pollloop.Analyzer, "pollprof")
}

const src = `package p

type Task interface{ Poll() bool }

func blockOn(t Task) {
	for !t.Poll() {
	}
}

func run(tasks []Task) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll() {
				next = append(next, t)
			}
		}
		tasks = next
	}
}
`

// site returns the one poll loop site of the function named fn in src.
func site(t *testing.T, fn string) *pollloop.Site {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := xssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	sites := pollloop.Find(pkg.Func(fn))
	if len(sites) != 1 {
		t.Fatalf("%s: %d poll loop sites, want 1", fn, len(sites))
	}
	return sites[0]
}

var (
	pkgA     = types.NewPackage("example.com/a", "a")
	flateOne = types.NewPackage("example.com/one/flate", "flate")
	flateTwo = types.NewPackage("example.com/two/flate", "flate")
	nextPos  = token.Pos(1)
)

// impl makes an implementation at a position of its own.
func impl(pkg *types.Package, name string, ptr bool, m *fsmswitch.MachineFact) pollloop.Impl {
	nextPos++
	return pollloop.Impl{Type: types.NewTypeName(nextPos, pkg, name, nil), Pointer: ptr, Machine: m}
}

// machine is a switch-form machine whose Poll is one step.
func machine(field string, states int, blockers ...string) *fsmswitch.MachineFact {
	return &fsmswitch.MachineFact{Form: fsmswitch.SwitchForm, Field: field, States: states, Steps: []string{"Poll"}, Blockers: blockers}
}

func pointer(field string) *fsmswitch.MachineFact {
	return &fsmswitch.MachineFact{Form: fsmswitch.TransitionPointerForm, Field: field}
}

// TestDiagnostic: what a finding says, and the implementations it points
// at, for sets of implementations the fixtures do not hold.
func TestDiagnostic(t *testing.T) {
	blockOn, run := site(t, "blockOn"), site(t, "run")
	const loop = "poll loop: p.Task.Poll is called through an interface on every iteration until its result ends the loop; "
	fixable := impl(pkgA, "Lexer", true, machine("Lexer.state", 4))
	blocked := impl(pkgA, "Parser", true, machine("Parser.st", 2, "the field is compared outside the consumer switch at a.go:9", "a second switch on the field in (*Parser).peek at a.go:12"))
	blockedOnce := impl(pkgA, "Scanner", true, machine("Scanner.st", 3, "the field is incremented or decremented at a.go:20"))
	stepper := impl(pkgA, "Stepper", true, pointer("Stepper.step"))
	plain := impl(pkgA, "Sleeper", false, nil)
	dec1 := impl(flateOne, "decompressor", true, machine("decompressor.state", 5))
	dec2 := impl(flateTwo, "decompressor", true, nil)
	inflater := impl(flateOne, "inflater", true, pointer("inflater.step"))
	for _, tc := range []struct {
		name    string
		site    *pollloop.Site
		impls   []pollloop.Impl
		scope   string
		msg     string
		related []string        // messages
		at      []pollloop.Impl // their positions
	}{{
		name:  "none visible",
		site:  blockOn,
		scope: "visible",
		msg:   loop + "no visible implementation (run 'fsmvet whole' on the program to see the ones it calls)",
	}, {
		name:  "none possible",
		site:  blockOn,
		scope: "possible",
		msg:   loop + "no implementation reaches it in this program",
	}, {
		name:    "an executor reaching one machine with a fix",
		site:    run,
		impls:   []pollloop.Impl{fixable},
		scope:   "possible",
		msg:     "poll loop: an executor calls p.Task.Poll through an interface on each task, and its result decides whether the task is queued again; its one possible implementation is a state machine that also switches on its state every step: a.*Lexer (Lexer.state, 4 states, fix offered)",
		related: []string{"implementation a.*Lexer: switches on Lexer.state (4 states) every step; fsmswitch offers a fix"},
		at:      []pollloop.Impl{fixable},
	}, {
		name:    "one machine blocked twice",
		site:    blockOn,
		impls:   []pollloop.Impl{blocked},
		scope:   "visible",
		msg:     loop + "its one visible implementation is a state machine that also switches on its state every step: a.*Parser (Parser.st, 2 states, rewrite blocked)",
		related: []string{"implementation a.*Parser: switches on Parser.st (2 states) every step; the rewrite is blocked: the field is compared outside the consumer switch at a.go:9 (and 1 more)"},
		at:      []pollloop.Impl{blocked},
	}, {
		name:    "one machine blocked once",
		site:    blockOn,
		impls:   []pollloop.Impl{blockedOnce},
		scope:   "visible",
		msg:     loop + "its one visible implementation is a state machine that also switches on its state every step: a.*Scanner (Scanner.st, 3 states, rewrite blocked)",
		related: []string{"implementation a.*Scanner: switches on Scanner.st (3 states) every step; the rewrite is blocked: the field is incremented or decremented at a.go:20"},
		at:      []pollloop.Impl{blockedOnce},
	}, {
		name:    "one transition-pointer machine",
		site:    blockOn,
		impls:   []pollloop.Impl{stepper},
		scope:   "visible",
		msg:     loop + "its one visible implementation already calls its next step through a function field: a.*Stepper",
		related: []string{"implementation a.*Stepper: calls its next step through Stepper.step"},
		at:      []pollloop.Impl{stepper},
	}, {
		name:    "one plain type",
		site:    blockOn,
		impls:   []pollloop.Impl{plain},
		scope:   "visible",
		msg:     loop + "its one visible implementation is not a known state machine: a.Sleeper",
		related: []string{"implementation a.Sleeper"},
		at:      []pollloop.Impl{plain},
	}, {
		name:    "no machine among two",
		site:    blockOn,
		impls:   []pollloop.Impl{plain, dec2},
		scope:   "visible",
		msg:     loop + "of its 2 visible implementations, none is a known state machine: a.Sleeper, flate.*decompressor",
		related: []string{"implementation a.Sleeper", "implementation flate.*decompressor"},
		at:      []pollloop.Impl{plain, dec2},
	}, {
		// Machines first, then transition-pointer machines, then the
		// rest, each in the order given, and five at most. The flate
		// packages share a name, but only one is listed.
		name:  "many",
		site:  blockOn,
		impls: []pollloop.Impl{plain, stepper, blocked, dec2, dec1, inflater, fixable},
		scope: "visible",
		msg: loop + "of its 7 visible implementations, 3 are state machines that also switch on their state every step, 2 already call their next step through a function field, 2 are not known state machines: " +
			"a.*Parser (Parser.st, 2 states, rewrite blocked), flate.*decompressor (decompressor.state, 5 states, fix offered), a.*Lexer (Lexer.state, 4 states, fix offered), a.*Stepper, flate.*inflater and 2 more",
		related: []string{
			"implementation a.*Parser: switches on Parser.st (2 states) every step; the rewrite is blocked: the field is compared outside the consumer switch at a.go:9 (and 1 more)",
			"implementation flate.*decompressor: switches on decompressor.state (5 states) every step; fsmswitch offers a fix",
			"implementation a.*Lexer: switches on Lexer.state (4 states) every step; fsmswitch offers a fix",
			"implementation a.*Stepper: calls its next step through Stepper.step",
			"implementation flate.*inflater: calls its next step through inflater.step",
		},
		at: []pollloop.Impl{blocked, dec1, fixable, stepper, inflater},
	}, {
		// Both flate packages are listed: their paths tell them apart.
		name:  "two packages named flate",
		site:  blockOn,
		impls: []pollloop.Impl{plain, dec2, dec1},
		scope: "possible",
		msg: loop + "of its 3 possible implementations, 1 is a state machine that also switches on its state every step, 2 are not known state machines: " +
			"example.com/one/flate.*decompressor (decompressor.state, 5 states, fix offered), a.Sleeper, example.com/two/flate.*decompressor",
		related: []string{
			"implementation example.com/one/flate.*decompressor: switches on decompressor.state (5 states) every step; fsmswitch offers a fix",
			"implementation a.Sleeper",
			"implementation example.com/two/flate.*decompressor",
		},
		at: []pollloop.Impl{dec1, plain, dec2},
	}} {
		given := slices.Clone(tc.impls)
		d := pollloop.Diagnostic(tc.site, tc.impls, types.RelativeTo(nil), tc.scope)
		if d.Message != tc.msg {
			t.Errorf("%s: message\n%s\nwant\n%s", tc.name, d.Message, tc.msg)
		}
		if d.Pos != tc.site.Pos() || d.Category != "poll-loop" {
			t.Errorf("%s: at %d in category %q, want %d in poll-loop", tc.name, d.Pos, d.Category, tc.site.Pos())
		}
		if len(d.Related) != len(tc.related) {
			t.Errorf("%s: %d related positions, want %d", tc.name, len(d.Related), len(tc.related))
			continue
		}
		for i, r := range d.Related {
			if r.Message != tc.related[i] || r.Pos != tc.at[i].Type.Pos() {
				t.Errorf("%s: related %d: %q at %d, want %q at %d", tc.name, i, r.Message, r.Pos, tc.related[i], tc.at[i].Type.Pos())
			}
		}
		if !slices.Equal(tc.impls, given) {
			t.Errorf("%s: Diagnostic reordered the implementations it was given", tc.name)
		}
	}
}

func TestWorth(t *testing.T) {
	poll := site(t, "blockOn") // calls Task.Poll
	fixable := impl(pkgA, "Lexer", true, machine("Lexer.state", 4))
	looping := impl(pkgA, "Inflater", true, &fsmswitch.MachineFact{Form: fsmswitch.SwitchForm, Field: "Inflater.step", States: 7, Steps: []string{"doStep"}})
	blocked := impl(pkgA, "Parser", true, machine("Parser.st", 2, "a blocker"))
	stepper := impl(pkgA, "Stepper", true, pointer("Stepper.step"))
	plain := impl(pkgA, "Sleeper", false, nil)
	for _, tc := range []struct {
		name     string
		impls    []pollloop.Impl
		module   string // the loop's
		def, all bool   // reported by default, with -pollloop.all
	}{
		{"no implementation", nil, "", false, true},
		{"a plain type", []pollloop.Impl{plain}, "", false, true},
		{"a transition-pointer machine", []pollloop.Impl{stepper}, "", false, true},
		{"a blocked machine", []pollloop.Impl{blocked}, "", false, true},
		{"a machine with a fix", []pollloop.Impl{fixable}, "", true, true},
		{"a machine with a fix among others", []pollloop.Impl{plain, blocked, stepper, fixable}, "", true, true},
		{"a machine with a fix in the loop's module", []pollloop.Impl{fixable}, "example.com/a", true, true},
		{"a machine with a fix in a package below the module", []pollloop.Impl{fixable}, "example.com", true, true},
		{"a machine with a fix in another module", []pollloop.Impl{fixable}, "example.com/b", false, true},
		{"a module whose path only starts like the machine's", []pollloop.Impl{fixable}, "example.com/a/x", false, true},
		{"a module named like the package's start, not its directory", []pollloop.Impl{fixable}, "example.co", false, true},
		{"a machine with a fix whose Poll runs many steps", []pollloop.Impl{looping}, "", false, true},
	} {
		if got := pollloop.Worth(poll, tc.impls, false, tc.module); got != tc.def {
			t.Errorf("%s: reported by default = %v, want %v", tc.name, got, tc.def)
		}
		if got := pollloop.Worth(poll, tc.impls, true, tc.module); got != tc.all {
			t.Errorf("%s: reported with -pollloop.all = %v, want %v", tc.name, got, tc.all)
		}
	}
}

func TestImplString(t *testing.T) {
	for impl, want := range map[pollloop.Impl]string{
		impl(pkgA, "Sleeper", false, nil):         "a.Sleeper",
		impl(flateOne, "decompressor", true, nil): "flate.*decompressor",
	} {
		if got := impl.String(); got != want {
			t.Errorf("Impl.String() = %q, want %q", got, want)
		}
	}
}

// TestQualifier: a message names the interface of another package by its
// package's name, not its import path, and its own package's bare.
func TestQualifier(t *testing.T) {
	s := site(t, "blockOn")
	own := s.Method.Pkg()
	other := types.NewPackage("example.com/deep/path/other", "other")
	for pkg, want := range map[*types.Package]string{own: "poll loop: Task.Poll ", other: "poll loop: p.Task.Poll "} {
		d := pollloop.Diagnostic(s, nil, pollloop.Qualifier(pkg), "visible")
		if !strings.HasPrefix(d.Message, want) {
			t.Errorf("from package %s: %q, want it to start %q", pkg.Path(), d.Message, want)
		}
	}
}

// TestModule runs on a module (testdata/modrule) that requires another
// (its other/ directory): a loop is reported by default when it may call a
// machine with a fix in its own module (a, and c through a value of an
// unexported type), not one in another module (b); an implementation in
// another package is placed at the start of its line, as go vet's export
// data places it.
func TestModule(t *testing.T) {
	results := analysistest.Run(t, filepath.Join(testdata(t), "modrule"), pollloop.Analyzer, "./a", "./b", "./c")
	var related []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				p := r.Pass.Fset.Position(rel.Pos)
				related = append(related, fmt.Sprintf("%s:%d:%d", filepath.Base(p.Filename), p.Line, p.Column))
			}
		}
	}
	slices.Sort(related)
	if want := []string{"held.go:12:1", "own.go:12:1"}; !slices.Equal(related, want) {
		t.Errorf("related positions %q, want %q", related, want)
	}
}
