// Package tasks implements executor.Task three ways.
package tasks

import "example.com/whole/executor"

type sendState int

const (
	sendHeader sendState = iota
	sendBody
	sendDone
)

// Sender is a switch-dispatched state machine.
type Sender struct {
	state sendState
	n     int
}

func (s *Sender) Poll(cx *executor.Context) bool {
	switch s.state {
	case sendHeader:
		s.state = sendBody
	case sendBody:
		if s.n++; s.n == 3 {
			s.state = sendDone
		}
	default:
		return true
	}
	return false
}

// Stepper is already in transition-pointer form.
type Stepper struct {
	step func(*Stepper) bool
	n    int
}

func NewStepper(n int) *Stepper { return &Stepper{n: n, step: count} }

func (s *Stepper) Poll(cx *executor.Context) bool { return s.step(s) }

func count(s *Stepper) bool {
	if s.n--; s.n <= 0 {
		s.step = done
	}
	return false
}

func done(*Stepper) bool { return true }

// Sleeper implements Task but no executor is ever handed one.
type Sleeper struct{ Left int }

func (s *Sleeper) Poll(cx *executor.Context) bool { s.Left--; return s.Left <= 0 }

type lexState uint8

const (
	lex0 lexState = iota
	lex1
	lex2
	lex3
	lex4
	lex5
	lex6
	lex7
	lex8
	lex9
	lex10
	lex11
	lex12
	lex13
	lex14
	lex15
)

// Lexer is a 16-state byte machine fed one byte per poll.
type Lexer struct {
	state lexState
	in    []byte
	pos   int
	sum   uint32
}

func NewLexer(in []byte) *Lexer { return &Lexer{in: in} }

func (l *Lexer) Poll(cx *executor.Context) bool {
	if l.pos == len(l.in) {
		return true
	}
	c := l.in[l.pos]
	l.pos++
	l.step(c)
	return false
}

func (l *Lexer) step(c byte) {
	switch l.state {
	case lex0:
		l.sum = l.sum*31 + uint32(c) + 3
		switch c & 3 {
		case 0:
			l.state = lex1
		case 1:
			l.state = lex5
		case 2:
			l.state = lex7
		default:
			l.state = lex11
		}
	case lex1:
		l.sum = l.sum*31 + uint32(c) + 10
		switch c & 3 {
		case 0:
			l.state = lex2
		case 1:
			l.state = lex6
		case 2:
			l.state = lex8
		default:
			l.state = lex12
		}
	case lex2:
		l.sum = l.sum*31 + uint32(c) + 17
		switch c & 3 {
		case 0:
			l.state = lex3
		case 1:
			l.state = lex7
		case 2:
			l.state = lex9
		default:
			l.state = lex13
		}
	case lex3:
		l.sum = l.sum*31 + uint32(c) + 24
		switch c & 3 {
		case 0:
			l.state = lex4
		case 1:
			l.state = lex8
		case 2:
			l.state = lex10
		default:
			l.state = lex14
		}
	case lex4:
		l.sum = l.sum*31 + uint32(c) + 31
		switch c & 3 {
		case 0:
			l.state = lex5
		case 1:
			l.state = lex9
		case 2:
			l.state = lex11
		default:
			l.state = lex15
		}
	case lex5:
		l.sum = l.sum*31 + uint32(c) + 38
		switch c & 3 {
		case 0:
			l.state = lex6
		case 1:
			l.state = lex10
		case 2:
			l.state = lex12
		default:
			l.state = lex0
		}
	case lex6:
		l.sum = l.sum*31 + uint32(c) + 45
		switch c & 3 {
		case 0:
			l.state = lex7
		case 1:
			l.state = lex11
		case 2:
			l.state = lex13
		default:
			l.state = lex1
		}
	case lex7:
		l.sum = l.sum*31 + uint32(c) + 52
		switch c & 3 {
		case 0:
			l.state = lex8
		case 1:
			l.state = lex12
		case 2:
			l.state = lex14
		default:
			l.state = lex2
		}
	case lex8:
		l.sum = l.sum*31 + uint32(c) + 59
		switch c & 3 {
		case 0:
			l.state = lex9
		case 1:
			l.state = lex13
		case 2:
			l.state = lex15
		default:
			l.state = lex3
		}
	case lex9:
		l.sum = l.sum*31 + uint32(c) + 66
		switch c & 3 {
		case 0:
			l.state = lex10
		case 1:
			l.state = lex14
		case 2:
			l.state = lex0
		default:
			l.state = lex4
		}
	case lex10:
		l.sum = l.sum*31 + uint32(c) + 73
		switch c & 3 {
		case 0:
			l.state = lex11
		case 1:
			l.state = lex15
		case 2:
			l.state = lex1
		default:
			l.state = lex5
		}
	case lex11:
		l.sum = l.sum*31 + uint32(c) + 80
		switch c & 3 {
		case 0:
			l.state = lex12
		case 1:
			l.state = lex0
		case 2:
			l.state = lex2
		default:
			l.state = lex6
		}
	case lex12:
		l.sum = l.sum*31 + uint32(c) + 87
		switch c & 3 {
		case 0:
			l.state = lex13
		case 1:
			l.state = lex1
		case 2:
			l.state = lex3
		default:
			l.state = lex7
		}
	case lex13:
		l.sum = l.sum*31 + uint32(c) + 94
		switch c & 3 {
		case 0:
			l.state = lex14
		case 1:
			l.state = lex2
		case 2:
			l.state = lex4
		default:
			l.state = lex8
		}
	case lex14:
		l.sum = l.sum*31 + uint32(c) + 101
		switch c & 3 {
		case 0:
			l.state = lex15
		case 1:
			l.state = lex3
		case 2:
			l.state = lex5
		default:
			l.state = lex9
		}
	case lex15:
		l.sum = l.sum*31 + uint32(c) + 108
		switch c & 3 {
		case 0:
			l.state = lex0
		case 1:
			l.state = lex4
		case 2:
			l.state = lex6
		default:
			l.state = lex10
		}
	}
}
