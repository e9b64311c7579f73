// Package tables holds machines whose transition-pointer rewrite is
// blocked by what the table form keeps: the enum and every use of it (a
// comparison, a String method, a test reading the field, a second
// switch, a destructor, a computed write). fsmswitch offers them the
// table form by default (-fsmswitch.form=auto).
package tables

import "fmt"

// A lexer whose driver compares the state with its last, whose state
// prints itself, and whose default panics on a corrupt state.
type lexState uint8

const (
	lexText lexState = iota
	lexTag
	lexEOF
)

func (s lexState) String() string {
	switch s {
	case lexText:
		return "text"
	case lexTag:
		return "tag"
	case lexEOF:
		return "eof"
	}
	return fmt.Sprintf("lexState(%d)", uint8(s))
}

type lexer struct { // want lexer:`^state machine lexer\.state \(lexState, 3 states\)$`
	state lexState
	in    string
	pos   int
	tags  int
}

func (l *lexer) step() {
	switch l.state { // want `^state machine lexer\.state \(lexState, 3 states\) is dispatched by this switch in \(\*lexer\)\.step; fix: keep the state and call each state's function from a table indexed by it, so a step is one call and no switch \(benchmark before keeping it\) \(fsmvet help fsmswitch\)$`
	case lexText:
		for ; l.pos < len(l.in); l.pos++ {
			if l.in[l.pos] == '<' {
				l.state = lexTag
				return
			}
		}
		l.state = lexEOF
	case lexTag:
		l.tags++
		l.pos++
		l.state = lexText
	case lexEOF:
	default:
		panic("lexer in state " + l.state.String())
	}
}

// resume puts the lexer back in a state saved earlier: a computed write,
// so the field may hold a value no state names.
func (l *lexer) resume(s lexState) { l.state = s }

// run drives the lexer to its last state.
func (l *lexer) run() int {
	for l.state != lexEOF {
		l.step()
	}
	return l.tags
}

// A counter whose state moves on by a computed write (c.state++), so the
// field may hold a value past its states; a signed state type, no
// default, and code after the switch.
type phase int

const (
	idle phase = iota
	counting
	full
)

type counter struct { // want counter:`^state machine counter\.state \(phase, 3 states\)$`
	state phase
	n     int
	ticks int
}

// tick reports whether the counter is full.
func (c *counter) tick() bool {
	c.ticks++
	switch c.state { // want `^state machine counter\.state \(phase, 3 states\) is dispatched by this switch in \(\*counter\)\.tick; fix: keep the state and call each state's function`
	case idle:
		c.state = counting
	case counting:
		if c.n++; c.n == 3 {
			c.state++
		}
	case full:
		return true
	}
	return false
}

// A conn with a destructor and a second switch: both stay as they are.
type connState uint8

const (
	dialing connState = iota + 1 // a zero conn is in no state: closed
	open
	closed
)

type conn struct { // want conn:`^state machine conn\.st \(connState, 3 states\)$`
	st  connState
	log []string
}

func (c *conn) Step() bool {
	switch c.st { // want `^state machine conn\.st \(connState, 3 states\) is dispatched by this switch in \(\*conn\)\.Step; \(\*conn\)\.Close's switch is kept as its destructor; fix: keep the state and call each state's function`
	case dialing:
		c.st = open
	case open:
		c.st = closed
	default:
		return true
	}
	return false
}

// Peek says what the next Step does.
func (c *conn) Peek() string {
	switch c.st {
	case dialing:
		return "dial"
	case open:
		return "close"
	}
	return "nothing"
}

func (c *conn) Close() error {
	switch c.st {
	case open:
		c.log = append(c.log, "close")
	}
	c.st = closed
	return nil
}

func dial() *conn { return &conn{st: dialing} }

// A word counter whose first state reconsumes its byte through the
// consumer, so the table's functions reach the method that reads the
// table: init fills it. A case that only calls a method is the method
// expression; every case returns, so the panic after the switch runs
// only in no state.
type wstate uint8

const (
	wStart wstate = iota + 1
	wWord
	wSpace
)

type words struct { // want words:`^state machine words\.state \(wstate, 3 states\)$`
	state wstate
	n     int
}

func (w *words) feed(c byte) error {
	switch w.state { // want `^state machine words\.state \(wstate, 3 states\) is dispatched by this switch in \(\*words\)\.feed; fix: keep the state and call each state's function`
	case wStart:
		w.state = wSpace
		return w.feed(c) // reconsume
	case wWord:
		if c == ' ' {
			w.state = wSpace
		}
		return nil
	case wSpace:
		return w.space(c)
	}
	panic("words: in no state")
}

func (w *words) space(c byte) error {
	if c == '!' {
		return fmt.Errorf("words: %q", c)
	}
	if c != ' ' {
		w.n++
		w.state = wWord
	}
	return nil
}

func newWords() *words { return &words{state: wStart} }

// inWord reports whether the counter is in a word.
func (w *words) inWord() bool { return w.state == wWord }

// resume puts the counter back in a state saved earlier.
func (w *words) resume(s wstate) { w.state = s }

// A valve whose states are not consecutive: the table holds the values
// between them too, which the default handles.
type level uint8

const (
	low  level = 1
	high level = 4
)

type valve struct { // want valve:`^state machine valve\.lv \(level, 2 states\)$`
	lv     level
	opened int
}

func (v *valve) turn() {
	switch v.lv { // want `^state machine valve\.lv \(level, 2 states\) is dispatched by this switch in \(\*valve\)\.turn; fix: keep the state and call each state's function`
	case low:
		v.lv = high
		v.opened++
	case high:
		v.lv = low
	default: // a valve in no state closes
		v.lv = low
	}
}

func (v *valve) isOpen() bool { return v.lv == high }

// set puts the valve at a level.
func (v *valve) set(lv level) { v.lv = lv }

// A byte state whose largest value is 255: the table holds every byte,
// so a computed write needs no bound.
type wide uint8

const (
	wideLow  wide = 0
	wideHigh wide = 255
)

type knob struct { // want knob:`^state machine knob\.w \(wide, 2 states\)$`
	w     wide
	turns int
}

func (d *knob) turn() {
	switch d.w { // want `^state machine knob\.w \(wide, 2 states\) is dispatched by this switch in \(\*knob\)\.turn; fix: keep the state and call each state's function`
	case wideLow:
		d.w = wideHigh
	case wideHigh:
		d.w = wideLow
	default:
		d.w++
	}
	d.turns++
}

// A state written through a pointer and by a call's results: the field
// may hold any value, so the index is bounded.
type gear uint8

const (
	gearOne gear = iota
	gearTwo
)

type box struct { // want box:`^state machine box\.g \(gear, 2 states\)$`
	g     gear
	moves int
}

func (b *box) shift() {
	switch b.g { // want `^state machine box\.g \(gear, 2 states\) is dispatched by this switch in \(\*box\)\.shift; fix: keep the state and call each state's function`
	case gearOne:
		b.g = gearTwo
	case gearTwo:
		b.g = gearOne
	}
	b.moves++
}

// force sets the gear through a pointer.
func (b *box) force(g gear) {
	p := &b.g
	*p = g
}

// restore sets the gear and the moves from a saved pair.
func (b *box) restore(saved func() (gear, int)) { b.g, b.moves = saved() }
