// Package bench runs the executor over the tasks, to take CPU profiles
// for fsmvet report (go test -bench . -cpuprofile cpu.pprof).
package bench

import (
	"testing"

	"example.com/whole/executor"
	"example.com/whole/tasks"
)

func TestRun(t *testing.T) {
	var cx executor.Context
	executor.Run([]executor.Task{new(tasks.Sender), tasks.NewStepper(3)}, &cx)
}

func BenchmarkRun(b *testing.B) {
	var cx executor.Context
	queue := make([]executor.Task, 0, 256)
	for i := 0; i < b.N; i++ {
		queue = queue[:0]
		for j := 0; j < 128; j++ {
			queue = append(queue, new(tasks.Sender), tasks.NewStepper(4))
		}
		executor.Run(queue, &cx)
	}
}

// BenchmarkRunLexers adds 16-state lexers to the mix.
func BenchmarkRunLexers(b *testing.B) {
	var cx executor.Context
	in := make([]byte, 64)
	for i := range in {
		in[i] = byte(i * 37)
	}
	queue := make([]executor.Task, 0, 256)
	for i := 0; i < b.N; i++ {
		queue = queue[:0]
		for j := 0; j < 64; j++ {
			queue = append(queue, new(tasks.Sender), tasks.NewStepper(4), tasks.NewLexer(in))
		}
		executor.Run(queue, &cx)
	}
}
