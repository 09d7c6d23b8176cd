// Command vcsim-launcher runs govmomi's vCenter/ESXi simulator behind a front proxy that adds real VMDK
// files, snapshot deltas, consolidation, guest writes, failures and faults. See README.md for the contract.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

func main() {
	log.SetOutput(os.Stderr)
	log.SetPrefix("vcsim-launcher: ")
	opts, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "vcsim-launcher:", err)
		os.Exit(2)
	}
	if err := run(opts); err != nil {
		fmt.Fprintln(os.Stderr, "vcsim-launcher:", err)
		os.Exit(1)
	}
}

func run(opts *options) error {
	sim, err := startSimulator(opts)
	if err != nil {
		return err
	}
	defer sim.close()

	front, err := startProxy(opts, sim)
	if err != nil {
		return err
	}
	defer front.close()

	ready := front.readyInfo()
	line, err := json.Marshal(ready)
	if err != nil {
		return err
	}
	if opts.readyFile != "" {
		if err := writeFileAtomic(opts.readyFile, append(line, '\n')); err != nil {
			return fmt.Errorf("--ready-file: %w", err)
		}
	}
	fmt.Println(string(line))

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	sig := <-signals
	log.Printf("received %s, shutting down", sig)
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ready-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
