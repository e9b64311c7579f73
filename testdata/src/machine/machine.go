// Package machine holds closed state machines that fsmswitch reports with
// no blocker.
package machine

type Context struct{ budget int }

type readState uint8

const (
	readHeader readState = iota
	readBody
	readDone
)

type frameReader struct {
	state readState
	buf   []byte
	pos   int
}

func newFrameReader(buf []byte) *frameReader { return &frameReader{buf: buf} }

func (r *frameReader) Poll(cx *Context) bool { // want Poll:`state machine frameReader.state \(readState, 3 states\)`
	switch r.state { // want `closed state machine: readState \(3 states\) in field frameReader.state, consumed by this switch in \(\*frameReader\).Poll; 3 transitions$`
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

type conn struct {
	st  connState
	log []string
}

func (c *conn) Step() bool { // want Step:"state machine"
	switch { // want `closed state machine: connState \(3 states\) in field conn.st, consumed by this switch in \(\*conn\).Step; 4 transitions; destructor switch in \(\*conn\).Close$`
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

// A generic machine: the field belongs to a generic struct.
type batchState string

const (
	batchFilling batchState = ""
	batchFull    batchState = "full"
	batchFlushed batchState = "flushed"
)

type Batcher[T any] struct {
	state batchState
	items []T
}

func (b *Batcher[T]) Add(x T) bool { // want Add:"state machine"
	switch b.state { // want `closed state machine: batchState \(3 states\) in field Batcher.state, consumed by this switch in \(\*Batcher\).Add; 3 transitions`
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
