package fixedges

import (
	"testing"

	"escape"
)

// TestMotorZero: a zero motor is idle, so its first tick starts it and
// the second counts a spin.
func TestMotorZero(t *testing.T) {
	o := escape.Heap(new(motor))
	o.Tick()
	if o.spins != 0 {
		t.Fatalf("after one tick from idle: %d spins, want 0", o.spins)
	}
	o.Tick()
	if o.spins != 1 {
		t.Fatalf("after two ticks: %d spins, want 1", o.spins)
	}
}

func TestBox(t *testing.T) {
	b := escape.Heap(new(box))
	if got := b.Shift(); got != 1 {
		t.Errorf("low to high: Shift() = %d, want 1", got)
	}
	if got := b.Shift(); got != -1 {
		t.Errorf("high to low returns early: Shift() = %d, want -1", got)
	}
	if got := b.Shift(); got != 2 {
		t.Errorf("low to high again: Shift() = %d, want 2", got)
	}
}

func TestBoxBroken(t *testing.T) {
	defer func() {
		if r := recover(); r != "broken gearbox" {
			t.Errorf("recovered %v, want the broken gearbox's panic", r)
		}
	}()
	escape.Heap(broken()).Shift()
	t.Error("a broken gearbox shifted")
}

func TestLamp(t *testing.T) {
	p := escape.Heap(new(lamp))
	if p.Toggle(3) != 3 || p.Toggle(3) != -3 || p.Toggle(5) != 5 {
		t.Error("want +step when turned on, -step when turned off")
	}
}

func TestRouter(t *testing.T) {
	r := escape.Heap(new(router))
	if got := r.Route(-1); got != -1 {
		t.Errorf("a negative limit: Route = %d, want -1", got)
	}
	// Idle: nothing happens but the code after the switch.
	if got := r.Route(5); got != 0 || len(r.out) != 1 || r.out[0] != -1 {
		t.Fatalf("idle: Route = %d, out %v; want 0 and [-1]", got, r.out)
	}
	r.scan()
	// Scanning breaks out of the switch at i == 2: out gets 0 and 1, then -1.
	if got := r.Route(5); got != 0 || len(r.out) != 4 || r.out[3] != -1 {
		t.Fatalf("scan: Route = %d, out %v; want 0 and [-1 0 1 -1]", got, r.out)
	}
	// Emitting returns from the method: no -1 after it.
	if got := r.Route(5); got != 4 || len(r.out) != 4 {
		t.Fatalf("emit: Route = %d, out %v; want 4 and nothing added", got, r.out)
	}
	if got := r.Route(11); got != 10 {
		t.Errorf("done, over 10: Route = %d, want 10", got)
	}
	if got := r.Route(1); got != 0 || len(r.out) != 4 {
		t.Errorf("done: Route = %d, out %v; want 0 and nothing added", got, r.out)
	}
	// Idle again after done; a short scan ends waiting, then idle.
	r.Route(1)
	r.out = nil
	r.scan()
	r.Route(1)
	if len(r.out) != 2 || r.out[0] != 0 {
		t.Fatalf("a scan of 1: out %v, want [0 -1]", r.out)
	}
	r.Route(1) // wait: a plain break, then -1
	if len(r.out) != 3 || r.out[2] != -1 {
		t.Errorf("wait: out %v, want [0 -1 -1]", r.out)
	}
}

func TestRouterEmitsNothing(t *testing.T) {
	defer func() {
		if r := recover(); r != "nothing to emit" {
			t.Errorf("recovered %v, want the emit clause's panic", r)
		}
	}()
	r := escape.Heap(&router{ph: pEmit})
	r.Route(1)
	t.Error("emitting nothing did not panic")
}

func TestBag(t *testing.T) {
	b := escape.Heap(new(bag))
	b.Add(1, 2)
	b.Add(3, 4)
	b.Add(5) // shut: reopens
	b.Add(6)
	if b.n != 5 {
		t.Errorf("n = %d, want 5 (two adds of two, one of one after reopening)", b.n)
	}
}

func TestKnob(t *testing.T) {
	k := escape.Heap(new(knob))
	if k.Turn(3) != 6 || k.Turn(3) != 3 {
		t.Error("want 2*step when low, step when high")
	}
}

func TestDoor(t *testing.T) {
	d := escape.Heap(new(door))
	if d.Slam(true) || !d.Slam(false) || !d.Slam(true) || d.slams != 2 {
		t.Errorf("slams %d, want 2: a done open door does not slam", d.slams)
	}
}
