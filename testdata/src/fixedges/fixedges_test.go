package fixedges

import "testing"

// TestMotorZero: a zero motor is idle, so its first tick starts it and
// the second counts a spin.
func TestMotorZero(t *testing.T) {
	var o motor
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
	var b box
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
	broken().Shift()
	t.Error("a broken gearbox shifted")
}

func TestLamp(t *testing.T) {
	var p lamp
	if p.Toggle(3) != 3 || p.Toggle(3) != -3 || p.Toggle(5) != 5 {
		t.Error("want +step when turned on, -step when turned off")
	}
}
