// Package negative holds enums that fsmswitch must not report.
package negative

// State in a local variable, driven by a loop and a switch in one
// function: already the fastest form.
type scanState int

const (
	scanStart scanState = iota
	scanWord
	scanSpace
)

func countWords(s string) int {
	n, st := 0, scanStart
	for _, c := range s {
		switch st {
		case scanStart, scanSpace:
			if c != ' ' {
				n++
				st = scanWord
			}
		case scanWord:
			if c == ' ' {
				st = scanSpace
			}
		}
	}
	return n
}

// State already a function value, in Pike's form: fsmswitch records the
// lexer as a transition-pointer machine for pollloop and the report, and
// reports nothing.
type lexer struct { // want lexer:`^transition-pointer machine stateFn$`
	input string
	pos   int
}

type stateFn func(*lexer) stateFn

func lexText(l *lexer) stateFn {
	if l.pos >= len(l.input) {
		return nil
	}
	l.pos++
	return lexText
}

func (l *lexer) run() {
	for fn := stateFn(lexText); fn != nil; fn = fn(l) {
	}
}

type stepper struct { // want stepper:`^transition-pointer machine stepper\.step$`
	step func(*stepper) bool
	n    int
}

func (s *stepper) Poll() bool { return s.step(s) }

func stepOdd(s *stepper) bool  { s.n++; s.step = stepEven; return false }
func stepEven(s *stepper) bool { s.n++; s.step = stepOdd; return s.n > 9 }

// copied calls its state only through a local copy, as encoding/json's
// scanner does (step := s.step), which maps nil to its first state: the
// one state function that sets the field.
type copied struct { // want copied:`^transition-pointer machine copied\.step$`
	step func(*copied) bool
	n    int
}

func (c *copied) Poll() bool {
	step := c.step
	if step == nil {
		step = copyStart
	}
	return step(c)
}

func copyStart(c *copied) bool { c.step = copyCount; return false }
func copyCount(c *copied) bool { c.n++; return c.n > 9 }

// A callback set once by its constructor is not a state function.
type hooked struct {
	onDone func(*hooked)
	done   bool
}

func newHooked(f func(*hooked)) *hooked { return &hooked{onDone: f} }

func (h *hooked) finish() {
	h.done = true
	h.onDone(h)
}

// A kind held by two fields is a value, not a state.
type tokKind int

const (
	tokIdent tokKind = iota
	tokNumber
)

type token struct {
	kind, prevKind tokKind
}

func (t *token) advance() {
	switch t.kind {
	case tokIdent:
		t.prevKind, t.kind = t.kind, tokNumber
	}
}

// Opcodes read from a slice: the switch is on another value's field.
type opcode uint8

const (
	opPush opcode = iota
	opAdd
)

type instr struct {
	op  opcode
	arg int
}

func (i *instr) negate() { i.op = opPush; i.arg = -i.arg }

type vm struct {
	code  []instr
	stack []int
}

func (m *vm) run() {
	for _, in := range m.code {
		switch in.op {
		case opPush:
			m.stack = append(m.stack, in.arg)
		case opAdd:
			m.stack = m.stack[:len(m.stack)-1]
		}
	}
}

// A mode set once, by a constructor, and never transitioned.
type compressMode int

const (
	modeFast compressMode = iota
	modeBest
)

type compressor struct {
	mode compressMode
}

func newCompressor(best bool) *compressor {
	if best {
		return &compressor{mode: modeBest}
	}
	return &compressor{mode: modeFast}
}

func (c *compressor) level() int {
	switch c.mode {
	case modeBest:
		return 9
	default:
		return 1
	}
}

// Exported types and fields can be switched on by other packages.
type Phase int

const (
	PhaseOne Phase = iota
	PhaseTwo
)

type phased struct{ p Phase }

func (x *phased) next() {
	switch x.p {
	case PhaseOne:
		x.p = PhaseTwo
	}
}

type runState int

const (
	runIdle runState = iota
	runBusy
)

type Runner struct{ State runState }

func (r *Runner) Step() {
	switch r.State {
	case runIdle:
		r.State = runBusy
	}
}

// A type with a single constant is no enum.
type onlyState int

const onlyOne onlyState = 1

type single struct{ s onlyState }

func (x *single) step() {
	switch x.s {
	case onlyOne:
		x.s = onlyOne
	}
}

// A kind (as math/big's Float.form): methods set it and switch on it, but
// no switch moves it from one value to another.
type numForm byte

const (
	formZero numForm = iota
	formFinite
	formInf
)

type number struct {
	form numForm
	mant uint64
}

func (x *number) SetInf() { x.form = formInf }

func (x *number) Sign() int {
	switch x.form {
	case formZero:
		return 0
	}
	return 1
}

// An input handler set by a setup function: a callback, not a state (the
// state functions never set it).
type reader struct {
	read func(*reader) int
	n    int
}

func setInput(r *reader) { r.read = readString }

func readString(r *reader) int { r.n++; return r.n }

func (r *reader) fill() int { return r.read(r) }

// A compression level's strategy, two fields set together by init: hooks
// again, whichever field the analysis meets first.
type deflater struct {
	fill func(*deflater)
	step func(*deflater)
	n    int
}

func (d *deflater) init(level int) {
	if level == 0 {
		d.fill, d.step = (*deflater).fillStore, (*deflater).store
	} else {
		d.fill, d.step = (*deflater).fillDeflate, (*deflater).deflate
	}
}

func (d *deflater) fillStore()   { d.n++ }
func (d *deflater) fillDeflate() { d.n += 2 }
func (d *deflater) store()       { d.n-- }
func (d *deflater) deflate()     { d.n -= 2 }
func (d *deflater) write()       { d.fill(d); d.step(d) }

// A role machine set by methods its state functions call (raft's
// becomeLeader): in transition-pointer form.
type node struct { // want node:`^transition-pointer machine node\.step$`
	step func(*node, int)
	role int
}

func (r *node) becomeLeader()   { r.step = stepLeader; r.role = 2 }
func (r *node) becomeFollower() { r.step = stepFollower; r.role = 1 }

func stepFollower(r *node, m int) {
	if m > 1 {
		r.becomeLeader()
	}
}

func stepLeader(r *node, m int) {
	if m < 0 {
		r.becomeFollower()
	}
}

func (r *node) Step(m int) { r.step(r, m) }

func newNode() *node {
	r := &node{}
	r.becomeFollower()
	return r
}

// A machine whose state indexes a table of functions that take it: in
// table form already (pstateFns[p.state](p, c), bounded or not).
type tstate uint8

const (
	tA tstate = iota
	tB
)

type tabled struct { // want tabled:`^table-dispatched machine tabled\.s$`
	s tstate
	n int
}

var tabledFns = [...]func(*tabled){tA: (*tabled).a, tB: (*tabled).b}

func (t *tabled) step()         { tabledFns[min(t.s, tB)](t) }
func (t *tabled) a()            { t.s = tB }
func (t *tabled) b()            { t.s, t.n = tA, t.n+1 }
func (t *tabled) bounded(i int) { tabledFns[min(uint(i), 1)](t) }

// Tables that are no machine's: a local table, a table of functions that
// do not take the struct, and a call through a slice.
type plain struct{ k tstate }

var hooks = [...]func(int){func(int) {}, func(int) {}}

var byKind = []func(*plain){func(*plain) {}, func(*plain) {}}

func (p *plain) run() {
	local := [...]func(*plain){func(*plain) {}, func(*plain) {}}
	local[p.k](p)
	hooks[p.k](1)
	byKind[p.k](p)
}
