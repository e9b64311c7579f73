// Package executor polls tasks it cannot see: their types live in
// package tasks, which executor does not import.
package executor

type Context struct{ Steps int }

type Task interface{ Poll(cx *Context) bool }

// BlockOn polls one boxed task to completion.
func BlockOn(t Task, cx *Context) {
	for !t.Poll(cx) {
		cx.Steps++
	}
}

// Run polls every task until all are done.
func Run(tasks []Task, cx *Context) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(cx) {
				next = append(next, t)
			}
		}
		tasks = next
	}
}

// RunAll is the generic form of Run.
func RunAll[T Task](tasks []T, cx *Context) {
	for len(tasks) > 0 {
		next := tasks[:0]
		for _, t := range tasks {
			if !t.Poll(cx) {
				next = append(next, t)
			}
		}
		tasks = next
	}
}
