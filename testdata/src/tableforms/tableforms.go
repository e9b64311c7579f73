// Package tableforms holds machines the transition-pointer form could
// rewrite, rewritten to the table form (-fsmswitch.form=table): a zero
// state, code around the switch with named results threaded through the
// state functions, a case list, a break, a state no case names, a case
// naming zero where no state is.
package tableforms

import "errors"

type tokState int

const (
	tokStart tokState = iota + 1 // no state is zero: a zero tokenizer is in no state
	tokWord
	tokSpace
	tokEnd
	tokUnused // no case names it and there is no default
)

var errEnd = errors.New("end of input")

type tokenizer struct { // want tokenizer:`^state machine tokenizer\.state \(tokState, 5 states\)$`
	state tokState
	in    string
	pos   int
	words int
}

// Next consumes one byte and reports whether a word ended.
func (t *tokenizer) Next() (ended bool, err error) {
	if t.pos >= len(t.in) {
		t.state = tokEnd
	}
	switch t.state { // want `^state machine tokenizer\.state \(tokState, 5 states\) is dispatched by this switch in \(\*tokenizer\)\.Next; fix: keep the state and call each state's function from a table`
	case tokStart, tokSpace:
		if t.in[t.pos] == ' ' {
			break
		}
		t.words++
		t.state = tokWord
	case tokWord:
		if t.in[t.pos] == ' ' {
			t.state = tokSpace
			ended = true
		}
	case tokEnd:
		err = errEnd
		return
	}
	t.pos++
	return ended, nil
}

// A frame reader whose switch is its method: a zero state, a default.
type readState uint8

const (
	readHeader readState = iota
	readBody
	readDone
)

type frameReader struct { // want frameReader:`^state machine frameReader\.state \(readState, 3 states\)$`
	state readState
	buf   []byte
	pos   int
}

// readHeaderFn is the header's length. It takes the name the table's
// function of readHeader would have: that one gets a number.
func readHeaderFn() int { return 4 }

func (r *frameReader) Poll() bool {
	switch r.state { // want `^state machine frameReader\.state \(readState, 3 states\) is dispatched by this switch in \(\*frameReader\)\.Poll; fix: keep the state and call each state's function from a table`
	case readHeader:
		r.pos = readHeaderFn()
		r.state = readBody
		return false
	case readBody:
		if r.pos < len(r.buf) {
			r.pos++
			return false
		}
		r.state = readDone
		return false
	default:
		return true
	}
}

// Named results the method sets before its switch: the table's functions
// take them and return them.
type level uint8

const (
	levelLow level = iota
	levelHigh
)

type gauge struct { // want gauge:`^state machine gauge\.l \(level, 2 states\)$`
	l    level
	base int
}

func (g *gauge) Read() (n int, err error) {
	n = g.base
	switch g.l { // want `^state machine gauge\.l \(level, 2 states\) is dispatched by this switch in \(\*gauge\)\.Read; fix: keep the state and call each state's function from a table`
	case levelLow:
		n++
		g.l = levelHigh
	case levelHigh:
		n += 10
		g.l = levelLow
	}
	return
}

// A lamp with no zero state whose switch names zero: the table's slot 0
// runs that case.
type lampState uint8

const (
	lampOn lampState = iota + 1
	lampOff
)

type lamp struct { // want lamp:`^state machine lamp\.state \(lampState, 2 states\)$`
	state lampState
	flips int
}

func (l *lamp) Toggle() {
	switch l.state { // want `^state machine lamp\.state \(lampState, 2 states\) is dispatched by this switch in \(\*lamp\)\.Toggle; fix: keep the state and call each state's function from a table`
	case 0:
		l.state = lampOn
	case lampOn:
		l.state = lampOff
		l.flips++
	case lampOff:
		l.state = lampOn
	}
}
