package verify

import (
	"fmt"
	"go/types"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fsmvet/fsmvet/internal/typesx"
	"github.com/fsmvet/fsmvet/passes/generator"
	"github.com/fsmvet/fsmvet/profile"
)

// KindStateMachine is a state machine finding's kind; a generator's is
// its generator.Kind ("channel generator", "iter.Pull loop"). They are
// the names fsmvet report gives its kinds.
const KindStateMachine = "state machine"

// A target is what a fix rewrites, as a benchmark reaches it: the one
// thing about measuring a finding that depends on its kind.
type target interface {
	// reachedIn reports whether a benchmark's profile has samples in it.
	reachedIn(prof *profile.Profile) bool
	// lookedFor names where a profile must have samples, for a finding
	// no benchmark measures.
	lookedFor() string
	// shape outlines a benchmark that would measure it.
	shape() string
}

// A machineTarget is a state machine: a benchmark measures it when its
// profile has samples in the consumer method, the attribution fsmvet
// report uses (function name, inlined frames expanded).
type machineTarget struct {
	consumer          string   // the consumer method as profiles name it
	pkgName, structNm string   // where the machine is
	steps             []string // the step methods, as the source names them
}

func (m machineTarget) reachedIn(prof *profile.Profile) bool { return prof.Func(m.consumer) != nil }

func (m machineTarget) lookedFor() string { return "the machine's switch" }

// shape is a benchmark in the machine's own package, driving a fresh
// machine through its step method until it is done, as the program does.
func (m machineTarget) shape() string {
	step := "Step"
	if len(m.steps) > 0 {
		step = m.steps[0]
	}
	return fmt.Sprintf(`package %s

import "testing"

func Benchmark%s(b *testing.B) {
	for b.Loop() {
		m := new(%s) // set it up as your program does
		for i := 0; i < 1000; i++ { // or until it is done
			m.%s(/* its input */)
		}
	}
}
`, m.pkgName, m.structNm, m.structNm, step)
}

// A generatorTarget is a channel generator or an iter.Pull loop: a
// benchmark measures it when its profile has samples at the finding's
// sites, weighed as fsmvet report and -profile weigh it.
type generatorTarget struct {
	finding *generator.Finding
	pkgName string
	fn      *types.Func // the generator; the declared function holding the loop (nil if none does)
}

func (g generatorTarget) reachedIn(prof *profile.Profile) bool {
	return generator.Weigh(prof, g.finding).Cum > 0
}

func (g generatorTarget) lookedFor() string {
	if g.finding.Kind == generator.PullLoop {
		return "the iter.Pull loop's call of next in " + shortFunc(g.finding.Func)
	}
	return "the generator " + g.finding.Name + ", its goroutine or a loop over it"
}

// shape is a benchmark in the generator's package: for a channel
// generator, one ranging over it; for an iter.Pull loop, one calling the
// function that holds it.
func (g generatorTarget) shape() string {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport \"testing\"\n\n", g.pkgName)
	if g.fn == nil {
		// A loop in a package-level function literal: no declared
		// function to call.
		fmt.Fprintf(&b, "func BenchmarkPull(b *testing.B) {\n\tfor b.Loop() {\n\t\t// run %s, which holds the loop, on a long sequence\n\t}\n}\n", shortFunc(g.finding.Func))
		return b.String()
	}
	fmt.Fprintf(&b, "func Benchmark%s(b *testing.B) {\n", benchName(g.fn))
	call := g.fn.Name() + args(g.fn)
	if recv, _, ok := typesx.Method(g.fn); ok {
		typeArgs := ""
		if named, ok := recv.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
			typeArgs = "[/* its type arguments */]"
		}
		fmt.Fprintf(&b, "\tg := new(%s%s) // set it up as your program does\n", recv.Name(), typeArgs)
		call = "g." + call
	}
	if g.finding.Kind == generator.PullLoop {
		fmt.Fprintf(&b, "\tfor b.Loop() {\n\t\t%s // on a long sequence\n\t}\n}\n", call)
		return b.String()
	}
	fmt.Fprintf(&b, "\tfor b.Loop() {\n\t\tfor v := range %s { // as your program ranges over it\n\t\t\t_ = v\n\t\t}\n\t}\n}\n", call)
	return b.String()
}

// args writes a call's arguments: a placeholder when it takes any.
func args(fn *types.Func) string {
	if fn.Type().(*types.Signature).Params().Len() == 0 {
		return "()"
	}
	return "(/* its input */)"
}

// benchName names a benchmark of a function or method: its receiver's
// name, then its own, each capitalised (words: Words; (*Tree).walk:
// TreeWalk).
func benchName(fn *types.Func) string {
	name := upper(fn.Name())
	if recv, _, ok := typesx.Method(fn); ok {
		name = upper(recv.Name()) + name
	}
	return name
}

// upper capitalises a name's first letter.
func upper(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// shortFunc names a function as profiles do, without its package's path:
// text.Sum, text.(*T).walk.func1.
func shortFunc(name string) string {
	return name[strings.LastIndex(name, "/")+1:]
}
