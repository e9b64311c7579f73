package fsmswitch_test

import (
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fsmvet/fsmvet/passes/fsmswitch"
)

// testdata is the repository's shared fixture tree (see the layout in the
// README): analysistest needs it as an absolute GOPATH.
func testdata() string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		panic(err)
	}
	return dir
}

// setFlag sets an analyzer flag for the rest of the test.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	f := fsmswitch.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

func TestMachines(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "machine", "polltasks", "fixes", "scan16", "trust", "fixedges", "farfile", "caseends", "zeros",
		"methexprs", "trailing", "driver", "fnedges")
}

// TestTables: by default (-fsmswitch.form=auto), a machine whose
// transition-pointer form is blocked by a use of the state gets the
// table form, which keeps the state; -fsmswitch.form=table gives it to
// any machine it can index.
func TestTables(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "tables", "gentrans")
	setFlag(t, "form", "table")
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "tableforms")
}

// TestTableBlockers: what keeps a state from indexing a table.
func TestTableBlockers(t *testing.T) {
	setFlag(t, "blocked", "true")
	setFlag(t, "form", "table")
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "tableblocked")
}

// TestStack: a machine that lives on the stack of the function that
// makes and drives it gets no fix in either form; one already on the
// heap does. TestStackMatchesCompiler checks the compiler agrees.
func TestStack(t *testing.T) {
	setFlag(t, "blocked", "true")
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "stack")
}

// TestFormFlag: -fsmswitch.form takes auto, pointer or table, and says so
// to anything else.
func TestFormFlag(t *testing.T) {
	f := fsmswitch.Analyzer.Flags.Lookup("form")
	if f.DefValue != "auto" {
		t.Errorf("-fsmswitch.form defaults to %q, want auto", f.DefValue)
	}
	t.Cleanup(func() { f.Value.Set(f.DefValue) })
	for _, v := range []string{"auto", "pointer", "table"} {
		if err := f.Value.Set(v); err != nil || f.Value.String() != v {
			t.Errorf("-fsmswitch.form=%s: %v, value %q", v, err, f.Value.String())
		}
	}
	if err := f.Value.Set("returned"); err == nil || err.Error() != `"returned" is not a form: want auto, pointer or table` {
		t.Errorf("-fsmswitch.form=returned: %v", err)
	}
}

// TestDefaultPolicy: without -fsmswitch.blocked, a machine is reported only
// when a fix is offered.
func TestDefaultPolicy(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "policy")
}

// TestFacts: a struct holding two machines has one fact, on its first
// machine whose rewrite is offered, else its first; a struct in table
// form already has a table-dispatched fact, unless it holds a switch
// machine too.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testdata(), fsmswitch.Analyzer, "facts")
}

// TestNegatives: what is not a machine, and what blocks the
// transition-pointer form (most of which the table form does not mind:
// TestTables).
func TestNegatives(t *testing.T) {
	setFlag(t, "blocked", "true")
	setFlag(t, "form", "pointer")
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "negative", "gen", "rewriteblocked")
}

func TestBlockers(t *testing.T) {
	setFlag(t, "blocked", "true")
	setFlag(t, "form", "pointer")
	analysistest.RunWithSuggestedFixes(t, testdata(), fsmswitch.Analyzer, "blocked", "testreads", "internal/exported")
}

// TestTransitions: every way a state is set is found, in source order,
// with the state it sets; the states are the constants in declaration
// order.
func TestTransitions(t *testing.T) {
	results := analysistest.Run(t, testdata(), fsmswitch.Analyzer, "transitions")
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	machines := results[0].Result.(*fsmswitch.Result).Machines
	if len(machines) != 1 {
		t.Fatalf("%d machines, want 1", len(machines))
	}
	var got []string
	for _, tr := range machines[0].Transitions {
		line := results[0].Pass.Fset.Position(tr.Pos).Line
		got = append(got, fmt.Sprintf("%d %v %s", line, tr.Kind, tr.To.Name()))
	}
	want := []string{
		"26 assign stOne", "28 assign stTwo", "30 assign stZero",
		"34 literal stTwo", "35 literal stOne",
		"36 zero value stZero", "37 zero value stZero", "38 zero value stZero", "39 zero value stZero",
		"40 literal stTwice",
	}
	if !slices.Equal(got, want) {
		t.Errorf("transitions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var states []string
	for _, k := range machines[0].States {
		states = append(states, k.Name())
	}
	if want := []string{"stZero", "stOne", "stTwo", "stTwice"}; !slices.Equal(states, want) {
		t.Errorf("states %v, want %v", states, want)
	}
}

// TestOrder: machines come in the order their fields are declared, and
// so do their findings.
func TestOrder(t *testing.T) {
	setFlag(t, "blocked", "true")
	setFlag(t, "form", "pointer")
	results := analysistest.Run(t, testdata(), fsmswitch.Analyzer, "blocked")
	var fields, findings []token.Pos
	for _, m := range results[0].Result.(*fsmswitch.Result).Machines {
		fields = append(fields, m.Field.Pos())
	}
	for _, d := range results[0].Diagnostics {
		findings = append(findings, d.Pos)
	}
	if len(fields) < 10 || !slices.IsSorted(fields) || !slices.IsSorted(findings) {
		t.Errorf("%d machines, fields at %v, findings at %v: want 10 or more, each in source order", len(fields), fields, findings)
	}
}

// TestCgo: the driver analyses cgo's copy of a file that imports "C", a
// generated file whose machines are the user's: reported, at the user's
// line, with no fix.
func TestCgo(t *testing.T) {
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler for cgo")
	}
	setFlag(t, "blocked", "true")
	analysistest.Run(t, testdata(), fsmswitch.Analyzer, "cgomachine")
}

// TestSteps: the methods one call of which runs the consumer once at most
// are the consumer and the methods that call it outside any loop and
// function literal, in declaration order. pollloop reads them.
func TestSteps(t *testing.T) {
	results := analysistest.Run(t, testdata(), fsmswitch.Analyzer, "steps")
	var got []string
	for _, m := range results[0].Result.(*fsmswitch.Result).Machines {
		if m.Name() == "worker.p" {
			for _, fn := range m.Steps {
				got = append(got, fn.Name())
			}
		}
	}
	if want := []string{"step", "Poll"}; !slices.Equal(got, want) {
		t.Errorf("steps of worker.p: %v, want %v", got, want)
	}
}

// TestHighlight: a finding underlines the switch keyword and its tag, if
// it has one.
func TestHighlight(t *testing.T) {
	results := analysistest.Run(t, testdata(), fsmswitch.Analyzer, "steps")
	pass := results[0].Pass
	var got []string
	for _, d := range results[0].Diagnostics {
		tf := pass.Fset.File(d.Pos)
		src, err := os.ReadFile(tf.Name())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(src[tf.Offset(d.Pos):tf.Offset(d.End)]))
	}
	if want := []string{"switch w.p", "switch"}; !slices.Equal(got, want) {
		t.Errorf("underlined %q, want %q", got, want)
	}
}

// TestFormsOffered: by default, the form each machine of the blocker
// fixtures gets. What uses the state as a value (a comparison, a String
// method, a computed write, a second switch, an import the function type
// would need, ...) blocks only the transition-pointer form, and those
// machines get the table form; what keeps a case from becoming a function
// of its own (fallthrough, goto, a local, a continue, an init statement,
// a value receiver, a tagless case testing more) or a generic struct
// blocks both.
func TestFormsOffered(t *testing.T) {
	table := fsmswitch.TableForm
	want := map[string]map[string]fsmswitch.Form{
		"blocked": {
			"atomicState": table, "compared": table, "incremented": table, "outside": table, "printed": table,
			"renamedStep": table, "shown": table, "stored": table, "twoSwitches": table, "withString": table,
			"fallsThrough": "", "goesTo": "",
		},
		"rewriteblocked": {
			"atomically": table, "clashStep": table, "computed": table, "fnTaken": table, "lexer": table, "mixed": table,
			"peer": table, "tagged": table, "taken": table, "values": table,
			"again": "", "breaker": "", "cond": "", "header": "", "loops": "", "notEqual": "", "renamed": "",
			"twice": "", "usesLocal": "", "valRecv": "", "withInit": "",
		},
	}
	for pkg, machines := range want {
		got := machineForms(t, testdata(), pkg)
		for name, form := range machines {
			if got[name] == nil || got[name].Fix != form {
				t.Errorf("%s.%s: %v, want a fix in form %q", pkg, name, got[name], form)
			}
		}
		if len(got) != len(machines) {
			t.Errorf("%s: %d machines, want %d", pkg, len(got), len(machines))
		}
	}
}

// TestTableRelated: a finding with a table fix names, after the state
// type, the first few of what blocks the transition-pointer form, and no
// more: a finding stays short.
func TestTableRelated(t *testing.T) {
	results := analysistest.Run(t, testdata(), fsmswitch.Analyzer, "tables")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if !strings.Contains(d.Message, "state machine lexer.state") {
				continue
			}
			var got []string
			for _, rel := range d.Related {
				got = append(got, fmt.Sprintf("%d: %s", r.Pass.Fset.Position(rel.Pos).Line, rel.Message))
			}
			want := []string{
				"12: state type lexState",
				"20: blocks the transition-pointer form: the state type has a String method",
				"22: blocks the transition-pointer form: the state constant lexText is used as a value",
				"24: blocks the transition-pointer form: the state constant lexTag is used as a value",
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: related %q, want %q", r.Pass.Pkg.Path(), got, want)
			}
		}
	}
}

// TestGeneratedTransitions: a transition in a generated file blocks the
// transition-pointer form, which would edit that file (go fix refuses
// such a fix, and the next go generate undoes it); the table form, which
// leaves transitions alone, is offered instead (TestTables).
func TestGeneratedTransitions(t *testing.T) {
	var got []string
	for _, r := range analysistest.Run(t, testdata(), fsmswitch.Analyzer, "gentrans") {
		for _, m := range r.Result.(*fsmswitch.Result).Machines {
			if m.Fix != fsmswitch.TableForm {
				t.Errorf("%s: fix %q, want the table form", m.Name(), m.Fix)
			}
			for _, b := range m.PointerBlockers {
				if strings.Contains(b.Reason, "generated file") {
					got = append(got, b.Where+": "+b.Reason)
				}
			}
		}
	}
	slices.Sort(got)
	got = slices.Compact(got) // the package and its test variant
	want := []string{
		"gentrans_gen.go:5: a transition is in a generated file, which the fix would edit: change its generator",
		"gentrans_gen.go:9: a transition is in a generated file, which the fix would edit: change its generator",
	}
	if !slices.Equal(got, want) {
		t.Errorf("what stops the pointer form in generated files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
