// Package pollprof holds a poll loop that pollloop's TestProfile ranks by
// a CPU profile it writes: 75% of the samples are at the call, all in
// (*polltasks.Sender).Poll, and 25% on the line after it.
package pollprof

import "polltasks"

type Task interface {
	Poll(cx *polltasks.Context) bool
}

func BlockOn(t Task, cx *polltasks.Context) int {
	n := 0
	for !t.Poll(cx) { // want `^poll loop: Task\.Poll is called .*; CPU 75\.0% cum, 0\.0% flat \(rank 1 of 2\); callees: polltasks\.\(\*Sender\)\.Poll 100%$`
		n++
	}
	return n
}
