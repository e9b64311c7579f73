// Package poll holds poll loops over an interface whose implementations,
// in package polltasks, are a switch-dispatched state machine, a
// transition-pointer machine and a plain type.
package poll

import (
	"io"

	"polltasks"
)

type Context = polltasks.Context

type Task interface{ Poll(cx *Context) bool }

func BlockOn(t Task, cx *Context) {
	for !t.Poll(cx) { // want `interface-dispatched poll loop: Task.Poll decides when this loop ends \(one boxed task\); every step pays an interface call; 1 of the 3 visible implementations is a switch-dispatched state machine \(double dispatch per step\): polltasks.\*Sender \(Sender.state, 3 states\); 1 already in transition-pointer form: polltasks.\*Stepper$`
	}
}

func Run(tasks []Task, cx *Context) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(cx) { // want `Task.Poll decides whether the task is queued again \(an executor\)`
				next = append(next, t)
			}
		}
		tasks = next
	}
}

func RunChan(ch chan Task, cx *Context) {
	for t := range ch {
		if t.Poll(cx) { // want `Task.Poll decides whether the task is queued again`
			continue
		}
		ch <- t
	}
}

type executor struct {
	task Task
	cx   Context
}

func (e *executor) wait() int {
	n := 0
	for !e.task.Poll(&e.cx) { // want `Task.Poll decides when this loop ends`
		n++
	}
	return n
}

func RunGeneric[T Task](tasks []T, cx *Context) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(cx) { // want `T.Poll decides whether the task is queued again.*1 of the 3 visible implementations is a switch-dispatched`
				next = append(next, t)
			}
		}
		tasks = next
	}
}

// Not reported: one call before the loop.
func pollOnce(t Task, cx *Context) int {
	done := t.Poll(cx)
	n := 0
	for !done && n < 10 {
		n++
	}
	return n
}

// Not reported: a function-value loop is already transition-pointer form.
type stateFn func(*Context) stateFn

func drive(fn stateFn, cx *Context) {
	for fn != nil {
		fn = fn(cx)
	}
}

// Not reported: the result is ignored.
func tick(t Task, cx *Context) {
	for i := 0; i < 3; i++ {
		t.Poll(cx)
	}
}

// Not reported: arguments change each iteration; this loop computes.
type lesser interface{ Less(i, j int) bool }

func insertionSort(data lesser, n int) {
	for i := 1; i < n; i++ {
		for j := i; j > 0 && data.Less(j, j-1); j-- {
		}
	}
}

// Not reported: reading until EOF, and a Next iterator.
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

type iterator interface{ Next() bool }

func count(it iterator) int {
	n := 0
	for it.Next() {
		n++
	}
	return n
}

// A future-like poll: the value is used once ready, after the loop.
type future interface{ Poll(cx *Context) (int, bool) }

func await(f future, cx *Context) int {
	for {
		v, ready := f.Poll(cx) // want `future.Poll decides when this loop ends`
		if ready {
			return v
		}
	}
}

// Not reported: a drain yields a value every iteration.
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

// Not reported: a range loop that only checks a flag to stop early.
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
