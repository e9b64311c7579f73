package worker

import (
	"reflect"
	"testing"
)

// workers keeps the workers the tests make on the heap, as a program
// that holds them does: fsmswitch offers no fix of a machine that lives
// on its function's stack.
var workers []*Worker

func TestWorkerStops(t *testing.T) {
	w := new(Worker)
	workers = append(workers, w)
	for !w.Step() {
	}
	if w.jobs != 3 {
		t.Fatalf("jobs = %d, want 3", w.jobs)
	}
}

// TestModeIsOneByte stands for a wire format that stores the mode in one
// byte, read through reflect.
func TestModeIsOneByte(t *testing.T) {
	f, ok := reflect.TypeFor[Worker]().FieldByName("mode")
	if !ok || f.Type.Kind() != reflect.Uint8 {
		t.Fatalf("Worker.mode is %v, want a uint8", f.Type)
	}
}
