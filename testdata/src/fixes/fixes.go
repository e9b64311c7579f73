// Package fixes holds machines whose rewrite must preserve code before and
// after the switch, case lists, break, named results, a state no case
// names, and a zero value that is no state.
package fixes

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

// tokenizer counts words, one byte per call.
type tokenizer struct { // want tokenizer:`^state machine tokenizer\.state \(tokState, 5 states\)$`
	state tokState
	in    string
	pos   int
	words int
	calls int
}

func newTokenizer(in string) *tokenizer { return &tokenizer{state: tokStart, in: in} }

// Next consumes one byte and reports whether a word ended.
func (t *tokenizer) Next() (ended bool, err error) {
	t.calls++ // code before the switch
	if t.pos >= len(t.in) {
		t.state = tokEnd
	}
	switch t.state { // want `state machine tokenizer.state \(tokState, 5 states\)`
	case tokStart, tokSpace:
		if t.in[t.pos] == ' ' {
			break // out of the switch: the code after it still runs
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
		return // a bare return of the named results
	}
	t.pos++ // code after the switch
	return ended, nil
}

// Words reports the words seen so far.
func (t *tokenizer) Words() int { return t.words }
