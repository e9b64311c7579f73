// Package pollloop defines an analyzer that finds interface-dispatched poll
// loops and says what they dispatch to.
//
// # Analyzer pollloop
//
// pollloop: find loops that poll a task through an interface method
//
// A loop that polls a task through an interface pays an interface call on
// every step, and when the task is a switch-dispatched state machine, a
// switch too: the Go form of a polled Box<dyn Future>. pollloop finds two
// shapes:
//
//	func BlockOn(t Task, cx *Context) { for !t.Poll(cx) {} } // one boxed task
//
//	func Run(tasks []Task, cx *Context) { // an executor
//		for len(tasks) > 0 {
//			next := tasks[:0]
//			for _, t := range tasks {
//				if !t.Poll(cx) {
//					next = append(next, t)
//				}
//			}
//			tasks = next
//		}
//	}
//
// Precisely, an interface method call (or a method call on a type
// parameter) inside a loop is a poll when its arguments do not change from
// one iteration to the next and its result decides either
//
//   - the loop's exit, while the receiver stays the same (BlockOn; a loop
//     over a struct field, for !e.task.Poll(cx) {}, counts); or
//   - whether the receiver is queued again: appended, sent on a channel,
//     stored or passed on, on the branch the result decides (an executor).
//
// The finding stands at the call and names the interface and method, then
// the implementations this package and its dependencies can see: how many
// are switch-dispatched state machines (as fsmswitch defines them; double
// dispatch per step) and how many are already in transition-pointer form.
// Related positions point at each implementation. Implementations in
// packages the loop's package does not import are not visible to a
// per-package analysis: 'fsmvet whole ./...' resolves them with a call
// graph of the whole program.
//
// # Not reported
//
//   - An interface call before the loop, or whose result is ignored.
//   - A call of a function value in the loop (for fn != nil { fn = fn(l) }):
//     that is already the transition-pointer form.
//   - A call whose arguments change each iteration (data.Less(j, j-1) in a
//     sort): the loop computes, it does not poll.
//   - Unless an implementation is a state machine: loops decided by a
//     result other than a bool "done" flag (io.Reader.Read's error or
//     count), and Next-style iterators (Next, Scan, More, HasNext, Advance,
//     Valid). -pollloop.all reports those too.
//
// How hot a loop is, and so whether it is worth anything, is decided from a
// CPU profile by 'fsmvet report', not here.
package pollloop
