// Package rewriteblocked holds closed state machines whose rewrite to
// transition-pointer form could not keep their behaviour; fsmswitch
// reports each with the reason and offers no fix.
package rewriteblocked

import "fmt"

// A switch with an init statement.
type initState int

const (
	initA initState = iota
	initB
)

type withInit struct { // want withInit:`^state machine withInit\.s \(initState, 2 states\), rewrite blocked$`
	s     initState
	steps int
}

func (m *withInit) step() {
	switch m.steps++; m.s { // want `no fix: the consumer switch has an init statement at rewriteblocked\.go:22 \(fsmvet help fsmswitch\)$`
	case initA:
		m.s = initB
	case initB:
		m.s = initA
	}
}

// A case that uses a local declared before the switch.
type localState int

const (
	localA localState = iota
	localB
)

type usesLocal struct { // want usesLocal:`^state machine usesLocal\.s \(localState, 2 states\), rewrite blocked$`
	s localState
	n int
}

func (m *usesLocal) step(k int) {
	twice := 2 * k
	switch m.s { // want `no fix: a case uses twice, a local of \(\*usesLocal\)\.step declared outside it at rewriteblocked\.go:47 \(fsmvet help fsmswitch\)$`
	case localA:
		m.n += twice
		m.s = localB
	case localB:
		m.s = localA
	}
}

// A case that defers, and one that continues the loop around the switch.
type loopState int

const (
	loopA loopState = iota
	loopB
)

type loops struct { // want loops:`^state machine loops\.s \(loopState, 2 states\), rewrite blocked$`
	s   loopState
	log []string
}

func (m *loops) run(n int) {
	for i := 0; i < n; i++ {
		switch m.s { // want `no fix: a case continues a loop around the switch at rewriteblocked\.go:72; a case defers a call \(it would run when the state's function returns\) at rewriteblocked\.go:75 \(fsmvet help fsmswitch\)$`
		case loopA:
			m.s = loopB
			continue
		case loopB:
			m.s = loopA
			defer func() { m.log = append(m.log, "b") }()
		}
	}
}

// A tagless case that tests more than the state.
type condState int

const (
	condA condState = iota
	condB
)

type cond struct { // want cond:`^state machine cond\.s \(condState, 2 states\), rewrite blocked$`
	s     condState
	ready bool
}

func (m *cond) step() {
	switch { // want `no fix: a case tests more than which state the machine is in at rewriteblocked\.go:95 \(fsmvet help fsmswitch\)$`
	case m.s == condA && m.ready:
		m.s = condB
	case m.s == condB:
		m.s = condA
	}
}

// The state type and a constant used as values elsewhere.
type valState int

const (
	valA valState = iota
	valB
)

var initial = valA

type values struct{ s valState } // want values:`^state machine values\.s \(valState, 2 states\), rewrite blocked$`

func (m *values) step() {
	switch m.s { // want `no fix: the state constant valA is used as a value at rewriteblocked\.go:110; the state type is used outside the state field and constants at rewriteblocked\.go:123 \(fsmvet help fsmswitch\)$`
	case valA:
		m.s = valB
	case valB:
		m.s = valA
	}
}

func describe(v valState) string { return fmt.Sprint(int(v)) }

// State constants sharing a const block with another constant.
type mixState int

const (
	mixA mixState = iota
	mixB
	mixCount = 2
)

type mixed struct{ s mixState } // want mixed:`^state machine mixed\.s \(mixState, 2 states\), rewrite blocked$`

func (m *mixed) step() {
	switch m.s { // want `no fix: the state constants share a const block with mixCount at rewriteblocked\.go:131 \(fsmvet help fsmswitch\)$`
	case mixA:
		m.s = mixB
	case mixB:
		m.s = mixA
	}
}

// A driver that tests for the terminal state: function values cannot be
// compared, so the rewrite is blocked rather than guessed.
type lexState int

const (
	lexStart lexState = iota
	lexMiddle
	lexEOF
)

type lexer struct { // want lexer:`^state machine lexer\.s \(lexState, 3 states\), rewrite blocked$`
	s lexState
	n int
}

func (l *lexer) step() {
	switch l.s { // want `no fix: the field is compared outside the consumer switch at rewriteblocked\.go:172 \(fsmvet help fsmswitch\)$`
	case lexStart:
		l.s = lexMiddle
	case lexMiddle:
		if l.n++; l.n == 3 {
			l.s = lexEOF
		}
	}
}

func (l *lexer) run() {
	for l.s != lexEOF {
		l.step()
	}
}

// With a destructor the enum is kept, and every transition must store the
// state function too: a positional literal cannot say which field it sets.
type tagState int

const (
	tagOpen tagState = iota
	tagClosed
)

type tagged struct { // want tagged:`^state machine tagged\.s \(tagState, 2 states\), rewrite blocked$`
	s   tagState
	buf []byte
}

func newTagged() *tagged { return &tagged{tagClosed, nil} }

func (m *tagged) Poll() bool {
	switch m.s { // want `no fix: a positional struct literal sets the state at rewriteblocked\.go:191 \(fsmvet help fsmswitch\)$`
	case tagOpen:
		m.s = tagClosed
		return true
	}
	return false
}

func (m *tagged) Close() {
	switch m.s {
	case tagOpen:
		m.buf = nil
	}
}

// A value receiver: a state function would work on a copy of the copy.
type valRecvState int

const (
	valRecvA valRecvState = iota
	valRecvB
)

type valRecv struct { // want valRecv:`^state machine valRecv\.s \(valRecvState, 2 states\), rewrite blocked$`
	s valRecvState
	n int
}

func (m valRecv) step() int {
	switch m.s { // want `no fix: valRecv.step has a value receiver at rewriteblocked.go:222 \(fsmvet help fsmswitch\)$`
	case valRecvA:
		m.n++
		m.s = valRecvB
	case valRecvB:
		m.s = valRecvA
	}
	return m.n
}

// A generic receiver that renames the struct's type parameter.
type genState int

const (
	genA genState = iota
	genB
)

type renamed[T any] struct { // want renamed:`^state machine renamed\.s \(genState, 2 states\), rewrite blocked$`
	s     genState
	items []T
}

func (r *renamed[U]) add(x U) {
	switch r.s { // want `no fix: the struct is generic: a state function's value needs its type arguments \(a closure, allocated at every transition; no package-level table can hold one\) at rewriteblocked.go:241 \(fsmvet help fsmswitch\)$`
	case genA:
		r.items = append(r.items, x)
		r.s = genB
	case genB:
		r.s = genA
	}
}

// The rewrite would declare takenStateZero, which the package already has.
type takenState int

const (
	takenA takenState = iota + 1
	takenB
)

var takenStateZero = 0

type taken struct{ s takenState } // want taken:`^state machine taken\.s \(takenState, 2 states\), rewrite blocked$`

func (m *taken) step() {
	switch m.s { // want `no fix: the name takenStateZero the rewrite needs is taken at rewriteblocked.go:257 \(fsmvet help fsmswitch\)$`
	case takenA:
		m.s = takenB
	default:
		m.s = takenA
	}
}

// A local of the method used in a loop header inside a case.
type hdrState int

const (
	hdrA hdrState = iota
	hdrB
)

type header struct { // want header:`^state machine header\.s \(hdrState, 2 states\), rewrite blocked$`
	s hdrState
	n int
}

func (m *header) step(k int) {
	limit := 2 * k
	switch m.s { // want `no fix: a case uses limit, a local of \(\*header\).step declared outside it at rewriteblocked.go:294 \(fsmvet help fsmswitch\)$`
	case hdrA:
		for i := 0; i < limit; i++ {
			m.n++
		}
		m.s = hdrB
	case hdrB:
		m.s = hdrA
	}
}
