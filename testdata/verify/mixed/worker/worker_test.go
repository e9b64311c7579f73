package worker

import (
	"reflect"
	"testing"
)

func TestWorkerStops(t *testing.T) {
	w := new(Worker)
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
