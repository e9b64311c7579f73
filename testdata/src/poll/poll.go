// Package poll holds poll loops as pollloop reports them by default: only
// those that may call a switch-dispatched state machine fsmswitch offers to
// rewrite. Task's implementations, in package polltasks, are such a
// machine, a transition-pointer machine and a plain type; pollimpls holds
// the implementations of the other interfaces.
package poll

import (
	"io"

	"pollimpls"
	_ "pollimpls/flate"
	_ "pollimpls/x/flate"
	"polltasks"
)

type Context = polltasks.Context

type Task interface{ Poll(cx *Context) bool }

func BlockOn(t Task, cx *Context) {
	for !t.Poll(cx) { // want `^poll loop: Task\.Poll is called through an interface on every iteration until its result ends the loop; of its 3 visible implementations, 1 is a state machine that also switches on its state every step, 1 already calls its next step through a function field, 1 is not a known state machine: polltasks\.\*Sender \(Sender\.state, 3 states, fix offered\), polltasks\.\*Stepper, polltasks\.\*Sleeper$`
	}
}

func Run(tasks []Task, cx *Context) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(cx) { // want `^poll loop: an executor calls Task\.Poll through an interface on each task, and its result decides whether the task is queued again; of its 3 visible implementations, 1 is a state machine`
				next = append(next, t)
			}
		}
		tasks = next
	}
}

func RunChan(ch chan Task, cx *Context) {
	for t := range ch {
		if t.Poll(cx) { // want `an executor calls Task\.Poll`
			continue
		}
		ch <- t
	}
}

// An executor that receives each task and sends it back until it is done.
func RunRecv(ch chan Task, cx *Context) {
	for {
		t := <-ch
		if !t.Poll(cx) { // want `an executor calls Task\.Poll`
			ch <- t
		}
	}
}

// An executor that keeps the tasks not done at the front of its slice.
func RunCompact(tasks []Task, cx *Context) {
	for len(tasks) > 0 {
		n := 0
		for _, t := range tasks {
			if !t.Poll(cx) { // want `an executor calls Task\.Poll`
				tasks[n] = t
				n++
			}
		}
		tasks = tasks[:n]
	}
}

type executor struct {
	task Task
	cx   Context
}

func (e *executor) wait() int {
	n := 0
	for !e.task.Poll(&e.cx) { // want `^poll loop: Task\.Poll is called through an interface on every iteration`
		n++
	}
	return n
}

func RunGeneric[T Task](tasks []T, cx *Context) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(cx) { // want `an executor calls T\.Poll .*; of its 3 visible implementations, 1 is a state machine`
				next = append(next, t)
			}
		}
		tasks = next
	}
}

// Decoder's implementations are more than a finding lists, and two of
// them are in packages named flate, pollimpls/flate and pollimpls/x/flate,
// both imported here: a package's visible implementations are its own and
// those exported by the packages it imports.
type Decoder interface{ Decode(cx *Context) bool }

func DecodeAll(d Decoder, cx *Context) {
	for !d.Decode(cx) { // want `^poll loop: Decoder\.Decode is called through an interface on every iteration until its result ends the loop; of its 6 visible implementations, 2 are state machines that also switch on their state every step, 1 already calls its next step through a function field, 3 are not known state machines: pollimpls/flate\.\*Decompressor \(Decompressor\.state, 3 states, fix offered\), pollimpls/x/flate\.\*Decompressor \(Decompressor\.state, 2 states, rewrite blocked\), pollimpls/flate\.\*Inflater, pollimpls\.\*Raw, pollimpls\.\*Stored and 1 more$`
	}
}

// Not reported by default: the only state machine behind the loop cannot
// be rewritten, so there is nothing to do (-pollloop.all reports it).
type flusher interface{ Flush(cx *Context) bool }

func FlushAll(f flusher, cx *Context) {
	for !f.Flush(cx) {
	}
}

// Not reported by default: the machines are already in transition-pointer
// form, one dispatch per step.
type ticker interface{ Tick(cx *Context) bool }

func TickAll(t ticker, cx *Context) {
	for !t.Tick(cx) {
	}
}

// Not reported by default: no implementation is a state machine.
func drain(r io.Reader, buf []byte) int {
	total := 0
	for {
		n, err := r.Read(buf)
		total += n
		if err != nil {
			return total
		}
	}
}

type queue interface{ Pop() (Task, bool) }

func drainQueue(q queue, cx *Context) int {
	n := 0
	for {
		t, ok := q.Pop()
		if !ok {
			return n
		}
		if t.Poll(cx) {
			n++
		}
	}
}

var _ = pollimpls.NewTicker
