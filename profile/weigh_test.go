package profile_test

import (
	"slices"
	"testing"

	"github.com/fsmvet/fsmvet/profile"
)

// TestWeigh: Weigh sees each sample's frames innermost first, inlined
// functions as frames of their own, each at its line offset from its
// function's first line, and adds the weights of those that match.
func TestWeigh(t *testing.T) {
	s := newSynth("cpu/nanoseconds")
	s.fn("main.run", 10)
	s.fn("main.step", 20)
	s.fn("runtime.chanrecv2", 100)
	s.sample([]int64{7}, s.loc("runtime.chanrecv2:101"), s.loc("main.step:22", "main.run:13"))
	s.sample([]int64{3}, s.loc("main.run:14"))
	p, err := profile.Load(s.file(t))
	if err != nil {
		t.Fatal(err)
	}
	var stacks [][]profile.Site
	all := p.Weigh(func(frames []profile.Site) bool {
		stacks = append(stacks, slices.Clone(frames))
		return true
	})
	if all != 10 {
		t.Errorf("every sample weighs %d, want 10", all)
	}
	want := []profile.Site{{Func: "runtime.chanrecv2", Offset: 1}, {Func: "main.step", Offset: 2}, {Func: "main.run", Offset: 3}}
	if !slices.ContainsFunc(stacks, func(st []profile.Site) bool { return slices.Equal(st, want) }) {
		t.Errorf("stacks %v, want one of them %v", stacks, want)
	}
	at := profile.Site{Func: "main.run", Offset: 3}
	if got := p.Weigh(func(frames []profile.Site) bool { return slices.ContainsFunc(frames, at.Matches) }); got != 7 {
		t.Errorf("samples at run's offset 3 weigh %d, want 7", got)
	}
	anyLine := profile.Site{Func: "main.run", Offset: profile.AnyLine}
	if got := p.Weigh(func(frames []profile.Site) bool { return slices.ContainsFunc(frames, anyLine.Matches) }); got != 10 {
		t.Errorf("samples anywhere in run weigh %d, want 10", got)
	}
	if (profile.Site{Func: "main.step", Offset: 3}).Matches(profile.Site{Func: "main.run", Offset: 3}) {
		t.Error("a site matches a frame of another function")
	}
}
