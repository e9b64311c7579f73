package generator

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/passes/hotspot"
	"github.com/fsmvet/fsmvet/profile"
)

// This file measures a finding in a CPU profile: the time under it, and
// how much of that is the hand-off of values between goroutines or
// coroutines, which is what the rewrite removes.

// handoffEntries are the runtime functions through which code hands a
// value to another goroutine or coroutine, or starts, parks or wakes one.
var handoffEntries = []string{
	"runtime.chansend1", "runtime.chanrecv1", "runtime.chanrecv2", "runtime.closechan",
	"runtime.makechan", "runtime.newproc", "runtime.selectgo",
	"runtime.gopark", "runtime.goready", "runtime.coroswitch",
}

// Handoff reports whether the profile function named fn is a way into
// the runtime's channel, goroutine and coroutine machinery: a channel
// operation, starting, parking or waking a goroutine, or one of
// iter.Pull's closures (next, stop and the yield they switch to). What
// those call is part of the hand-off too.
func Handoff(fn string) bool {
	return slices.Contains(handoffEntries, fn) || pullFrame(profile.Site{Func: fn})
}

// pullFrame reports whether a frame is in iter.Pull or iter.Pull2's
// closures.
func pullFrame(fr profile.Site) bool { return strings.HasPrefix(fr.Func, "iter.Pull") }

// A Measure is a finding's shares of a profile's total.
type Measure struct {
	Cum     float64 // the samples through its sites
	Flat    float64 // those whose innermost frame is at a site
	Handoff float64 // those in the hand-off machinery, called from a site
}

// Weigh measures a finding. A sample counts once, whichever of its
// sites it passes through; its hand-off is what it runs above the
// outermost.
//
// The coroutine switch iter.Pull makes runs on the system stack
// (runtime.mcall, coroswitch_m), and the yield on the sequence's
// coroutine: no sample there names the loop. That time is shared out
// among the loops that call next and stop, by their samples in them;
// without it a Pull loop would show a tenth of its cost. A channel
// generator's goroutines park and wake on the system stack too
// (runtime.park_m, schedule), and that is not shared out, as any
// blocking goroutine does the same: its hand-off share is a lower
// bound (about two thirds of it, on the fixture docs/performance.md
// measures).
func Weigh(prof *profile.Profile, f *Finding) Measure {
	at := func(fr profile.Site) bool {
		return slices.ContainsFunc(f.Sites, func(s profile.Site) bool { return s.Matches(fr) })
	}
	handoffAbove := func(frames []profile.Site, in func(profile.Site) bool) bool {
		i := lastIndex(frames, at)
		return i > 0 && slices.ContainsFunc(frames[:i], in)
	}
	cum := prof.Weigh(func(frames []profile.Site) bool { return slices.ContainsFunc(frames, at) })
	flat := prof.Weigh(func(frames []profile.Site) bool { return at(frames[0]) })
	handoff := prof.Weigh(func(frames []profile.Site) bool {
		return handoffAbove(frames, func(fr profile.Site) bool { return Handoff(fr.Func) })
	})
	m := Measure{Cum: prof.Share(cum), Flat: prof.Share(flat), Handoff: prof.Share(handoff)}
	if f.Kind != PullLoop {
		return m
	}
	if pulls := prof.Weigh(callsPull); pulls > 0 {
		mine := prof.Weigh(func(frames []profile.Site) bool { return handoffAbove(frames, pullFrame) })
		extra := prof.Share(prof.Weigh(coroutineSwitch)) * float64(mine) / float64(pulls)
		m.Cum += extra
		m.Handoff += extra
	}
	return m
}

// lastIndex returns the index of the last (outermost) frame at which at
// holds, or -1.
func lastIndex(frames []profile.Site, at func(profile.Site) bool) int {
	for i := len(frames) - 1; i >= 0; i-- {
		if at(frames[i]) {
			return i
		}
	}
	return -1
}

// outermost returns the name of a sample's outermost frame.
func outermost(frames []profile.Site) string { return frames[len(frames)-1].Func }

// callsPull reports whether a sample is in a call of iter.Pull's next or
// stop from the program (not in the coroutine running the sequence).
func callsPull(frames []profile.Site) bool {
	if outermost(frames) == "runtime.corostart" {
		return false
	}
	for i := 0; i+1 < len(frames); i++ {
		if pullFrame(frames[i]) && !pullFrame(frames[i+1]) && !strings.HasPrefix(frames[i+1].Func, "runtime.") {
			return true
		}
	}
	return false
}

// coroutineSwitch reports whether a sample is in iter.Pull's machinery
// where no frame names who pulled: the switch on the system stack, or
// the yield in the sequence's coroutine (a Pull frame above the
// sequence, not the coroutine's own body below it).
func coroutineSwitch(frames []profile.Site) bool {
	switch outermost(frames) {
	case "runtime.mcall":
		return slices.ContainsFunc(frames, func(fr profile.Site) bool { return fr.Func == "runtime.coroswitch_m" })
	case "runtime.corostart":
		return len(frames) > 2 && slices.ContainsFunc(frames[:len(frames)-2], pullFrame)
	}
	return false
}

// annotate adds to d its share of the profile, if one was given, and
// reports whether it is hot enough to report.
func annotate(hot *hotspot.Result, d *analysis.Diagnostic, f *Finding) (bool, error) {
	prof, err := hot.Profile()
	if prof == nil {
		return true, err
	}
	m := Weigh(prof, f)
	what := "channel hand-offs"
	if f.Kind == PullLoop {
		what = "coroutine switches"
	}
	d.Message += fmt.Sprintf("; CPU %.1f%% cum, %.1f%% flat, %.1f%% in %s", 100*m.Cum, 100*m.Flat, 100*m.Handoff, what)
	return hot.Hot(m.Cum), nil
}
