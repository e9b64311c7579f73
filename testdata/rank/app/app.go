// Package app hands the tasks to the loops.
package app

import (
	"example.com/rank/exec"
	"example.com/rank/machines"
)

func Main() {
	exec.Drive(new(machines.M8))
	exec.Drive(new(machines.Plain))
	exec.Pump(new(machines.M7))
	exec.Pump(new(machines.Plain))
	exec.Spin(new(machines.Plain))
	exec.Spin(new(machines.M8))
	exec.Churn(new(machines.Plain))
	exec.Wait(new(machines.Plain))
	exec.Wait(machines.NewStepper(3))
	exec.Nap(new(machines.Small))
	exec.Quiet(new(machines.Plain))
	exec.Stall(new(machines.Gate))
	exec.Never(new(machines.M7))
	g := new(machines.Gate)
	for !g.Done() {
		g.Poll()
	}
	exec.Drive(new(machines.Small))
}
