package fsmswitch

import "testing"

// TestBlockersText: each reason once, with its first places and how many
// more, for the first three reasons; then how many blockers are left.
func TestBlockersText(t *testing.T) {
	b := func(reason, where string) Blocker { return Blocker{Reason: reason, Where: where} }
	gen := func(n int) []Blocker {
		var bs []Blocker
		for i := range n {
			bs = append(bs, b("in a generated file", "g.go:"+string(rune('1'+i))))
		}
		return bs
	}
	for _, c := range []struct {
		bs   []Blocker
		want string
	}{
		{[]Blocker{b("r", "a.go:1")}, "r at a.go:1"},
		{gen(3), "in a generated file at g.go:1, g.go:2, g.go:3"},
		{gen(5), "in a generated file at g.go:1, g.go:2, g.go:3 and 2 more"},
		{
			[]Blocker{b("r1", "a.go:1"), b("r2", "a.go:2"), b("r1", "a.go:3"), b("r3", "a.go:4")},
			"r1 at a.go:1, a.go:3; r2 at a.go:2; r3 at a.go:4",
		},
		{
			[]Blocker{b("r1", "a.go:1"), b("r2", "a.go:2"), b("r3", "a.go:3"), b("r4", "a.go:4"), b("r2", "a.go:5"), b("r5", "a.go:6")},
			"r1 at a.go:1; r2 at a.go:2, a.go:5; r3 at a.go:3; and 2 more",
		},
	} {
		if got := blockersText(c.bs); got != c.want {
			t.Errorf("blockersText(%v) =\n%s\nwant\n%s", c.bs, got, c.want)
		}
	}
}
