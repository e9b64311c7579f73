// Package pollall holds what pollloop finds, reported with -pollloop.all
// whatever the implementations are, and what it does not find: loops that
// compute, count, or only stop early.
package pollall

import (
	"io"

	"pollimpls"
	"polltasks"
)

type Context = polltasks.Context

func drain(r io.Reader, buf []byte) int {
	total := 0
	for {
		n, err := r.Read(buf) // want `^poll loop: io\.Reader\.Read is called through an interface on every iteration until its result ends the loop; of its 3 visible implementations, none is a known state machine: io\.\*LimitedReader, io\.\*PipeReader, io\.\*SectionReader$`
		total += n
		if err != nil {
			return total
		}
	}
}

type iterator interface{ Next() bool }

func count(it iterator) int {
	n := 0
	for it.Next() { // want `^poll loop: iterator\.Next is called through an interface on every iteration until its result ends the loop; no visible implementation \(run 'fsmvet whole' on the program to see the ones it calls\)$`
		n++
	}
	return n
}

// A future: the value is used once ready, after the loop.
type future interface{ Poll(cx *Context) (int, bool) }

func await(f future, cx *Context) int {
	for {
		v, ready := f.Poll(cx) // want `^poll loop: future\.Poll is called`
		if ready {
			return v
		}
	}
}

// A drain: it yields a value every iteration.
type queue interface{ Pop() (int, bool) }

func drainQueue(q queue) int {
	sum := 0
	for {
		x, ok := q.Pop() // want `^poll loop: queue\.Pop is called`
		if !ok {
			return sum
		}
		sum += x
	}
}

// The only state machine behind the loop cannot be rewritten.
type flusher interface{ Flush(cx *Context) bool }

func flushAll(f flusher, cx *Context) {
	for !f.Flush(cx) { // want `; its one visible implementation is a state machine that also switches on its state every step: pollimpls\.\*Flusher \(Flusher\.state, 2 states, rewrite blocked\)$`
	}
}

type ticker interface{ Tick(cx *Context) bool }

func tickAll(t ticker, cx *Context) {
	for !t.Tick(cx) { // want `; of its 2 visible implementations, 2 already call their next step through a function field: pollimpls\.\*Clock, pollimpls\.\*Ticker$`
	}
}

type resetter interface {
	Decode(cx *Context) bool
	Reset()
}

func resetAll(r resetter, cx *Context) {
	for !r.Decode(cx) { // want `; its one visible implementation is not a known state machine: pollimpls\.\*Raw$`
		r.Reset()
	}
}

var _ = pollimpls.NewClock

type Task interface{ Poll(cx *Context) bool }

// Not a poll: the result is read once, before the loop.
func pollOnce(t Task, cx *Context) int {
	done := t.Poll(cx)
	n := 0
	for !done && n < 10 {
		n++
	}
	return n
}

// Not a poll: a function-value loop is already transition-pointer form.
type stateFn func(*Context) stateFn

func drive(fn stateFn, cx *Context) {
	for fn != nil {
		fn = fn(cx)
	}
}

// Not a poll: the result is ignored.
func tick(t Task, cx *Context) {
	for i := 0; i < 3; i++ {
		t.Poll(cx)
	}
}

// Not a poll: the arguments change each iteration; this loop computes.
type lesser interface{ Less(i, j int) bool }

func insertionSort(data lesser, n int) {
	for i := 1; i < n; i++ {
		for j := i; j > 0 && data.Less(j, j-1); j-- {
		}
	}
}

func pollEach(t Task, cxs []Context) {
	for i := 0; !t.Poll(&cxs[i]); i++ {
	}
}

// Not a poll: the loop replaces the task it polls; it walks a chain.
func walk(t Task, cx *Context, next func(Task) Task) {
	for !t.Poll(cx) {
		t = next(t)
	}
}

// Not polls: a counted or range loop that a call only cuts short.
type checker interface{ Failed() bool }

func checkAll(c checker, xs []int) int {
	sum := 0
	for _, x := range xs {
		sum += x
		if c.Failed() {
			break
		}
	}
	return sum
}

func retry(t Task, cx *Context) bool {
	for i := 0; i < 3; i++ {
		if t.Poll(cx) {
			return true
		}
	}
	return false
}

func retryRange(t Task, cx *Context) bool {
	for range 3 {
		if t.Poll(cx) {
			return true
		}
	}
	return false
}

// Not a poll: it stops after a number of tries, a count.
func tries(t Task, cx *Context) bool {
	n := 0
	for !t.Poll(cx) {
		n++
		if n > 3 {
			return false
		}
	}
	return true
}

// A poll that gives up when cancelled is still a poll; the check for the
// cancellation is not one: the loop does not stop on it alone.
type canceller interface{ Err() error }

func blockOnCancel(t Task, cx *Context, c canceller) error {
	for !t.Poll(cx) { // want `^poll loop: Task\.Poll is called`
		if err := c.Err(); err != nil {
			return err
		}
	}
	return nil
}

// A poll whose loop tests something else first, without leaving on it.
func blockOnTick(t Task, cx *Context) {
	for {
		if cx.Ticks > 0 {
			cx.Ticks--
		}
		if t.Poll(cx) { // want `^poll loop: Task\.Poll is called`
			return
		}
	}
}

// A poll whose result is the count the loop compares: it stops on the
// call's value, not on a count of its own.
type progress interface{ Done(cx *Context) int }

func waitDone(p progress, cx *Context, total int) {
	for n := 0; n != total; {
		n = p.Done(cx) // want `^poll loop: progress\.Done is called`
	}
}

// Not a poll: the result is counted, it never ends the loop.
func spin(t Task, cx *Context) {
	n := 0
	for {
		if t.Poll(cx) {
			n++
		}
	}
}

// T stands for *testing.T, whose Fatal cannot return: buildssa's SSA knows
// that of a method that always panics as it does of testing's (from the
// ctrlflow analyzer), so the branch that calls it leaves the loop.
type T struct{}

func (*T) Fatal(args ...any) { panic(args) }

type publisher interface{ PublishMsg(m *int) (int, error) }

// Not a poll: a counted loop whose call only decides whether the test
// fails (from nats.go's tests).
func publish(t *T, js publisher) {
	m := 1
	for range 10 {
		if _, err := js.PublishMsg(&m); err != nil {
			t.Fatal(err)
		}
	}
}

// Not a poll: the call only decides whether the test fails; the loop
// never ends.
func publishForever(t *T, js publisher) {
	m := 1
	for {
		if _, err := js.PublishMsg(&m); err != nil {
			t.Fatal(err)
		}
	}
}

// A poll that fails on an error: its done result ends the loop.
type stepper interface{ Step() (bool, error) }

func stepAll(t *T, s stepper) {
	for {
		done, err := s.Step() // want `^poll loop: stepper\.Step is called`
		if err != nil {
			t.Fatal(err)
		}
		if done {
			break
		}
	}
}
