// Package machine holds closed state machines that fsmswitch reports with
// no blocker.
package machine

type Context struct{}

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

func newFrameReader(buf []byte) *frameReader { return &frameReader{buf: buf} }

func (r *frameReader) Poll(cx *Context) bool {
	switch r.state { // want `state machine frameReader.state \(readState, 3 states\) is dispatched by this switch in \(\*frameReader\).Poll; fix: `
	case readHeader:
		r.pos = 4
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

// A tagless consumer, an iota+1 enum with no zero state, and a destructor.
type connState int

const (
	connDialing connState = iota + 1
	connOpen
	connClosed
)

type conn struct { // want conn:`^state machine conn\.st \(connState, 3 states\)$`
	st  connState
	log []string
}

func (c *conn) Step() bool {
	switch { // want `state machine conn.st \(connState, 3 states\) is dispatched by this switch in \(\*conn\).Step; \(\*conn\).Close's switch is kept as its destructor; fix: `
	case c.st == connDialing, c.st == 0:
		c.st = connOpen
	case c.st == connOpen:
		c.st = connClosed
	default:
		return true
	}
	return false
}

func (c *conn) Close() error {
	switch c.st {
	case connOpen:
		c.log = append(c.log, "close")
	}
	c.st = connClosed
	return nil
}

func dial() *conn { return new(conn) }

// An accepted conn starts open: a keyed literal sets the state.
func accepted() *conn { return &conn{st: connOpen} }

// A generic machine: the field belongs to a generic struct.
type batchState string

const (
	batchFilling batchState = ""
	batchFull    batchState = "full"
	batchFlushed batchState = "flushed"
)

// Its state functions would need T: stored in the field, each would be a
// closure allocated at every transition, so no fix is offered.
type Batcher[T any] struct { // want Batcher:`^state machine Batcher\.state \(batchState, 3 states\), rewrite blocked$`
	state batchState
	items []T
}

func (b *Batcher[T]) Add(x T) bool {
	switch b.state {
	case batchFilling:
		b.items = append(b.items, x)
		if len(b.items) == 4 {
			b.state = batchFull
		}
	case batchFull:
		b.items = b.items[:0]
		b.state = batchFlushed
	case batchFlushed:
		b.state = batchFilling
	}
	return len(b.items) == 0
}

// A lexer whose cases call methods that make the transitions.
type lexState int

const (
	lexText lexState = iota
	lexTag
	lexEOF
)

type tagLexer struct { // want tagLexer:`^state machine tagLexer\.state \(lexState, 3 states\)$`
	state lexState
	in    string
	pos   int
	tags  int
}

func (l *tagLexer) next() bool {
	switch l.state { // want `state machine tagLexer.state \(lexState, 3 states\) is dispatched by this switch in \(\*tagLexer\).next; fix: `
	case lexText:
		l.text()
	case lexTag:
		l.tag()
	default:
		return false
	}
	return true
}

func (l *tagLexer) text() {
	for ; l.pos < len(l.in); l.pos++ {
		if l.in[l.pos] == '<' {
			l.state = lexTag
			return
		}
	}
	l.state = lexEOF
}

func (l *tagLexer) tag() {
	l.tags++
	l.pos++
	l.state = lexText
}
