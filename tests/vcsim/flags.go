package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// options holds the parsed command line.
type options struct {
	listen       string
	model        string
	hosts        int
	vms          int
	username     string
	password     string
	tls          bool
	tlsCert      string
	tlsKey       string
	diskSize     int64
	disksPerVM   int
	seed         int64
	datastoreDir string
	readyFile    string
	sessionIdle  time.Duration
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("vcsim-launcher", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var diskSize string
	fs.StringVar(&o.listen, "listen", "127.0.0.1:0", "proxy listen address (port 0 = free port)")
	fs.StringVar(&o.model, "model", "esx", "simulator model: esx or vpx")
	fs.IntVar(&o.hosts, "hosts", 3, "vpx: number of hosts")
	fs.IntVar(&o.vms, "vms", 2, "number of VMs")
	fs.StringVar(&o.username, "username", "root", "login user name")
	fs.StringVar(&o.password, "password", "secret", "login password")
	fs.BoolVar(&o.tls, "tls", false, "serve HTTPS")
	fs.StringVar(&o.tlsCert, "tls-cert", "", "PEM certificate file (with --tls)")
	fs.StringVar(&o.tlsKey, "tls-key", "", "PEM key file (with --tls)")
	fs.StringVar(&diskSize, "disk-size", "64MiB", "virtual size of every VM disk")
	fs.IntVar(&o.disksPerVM, "disks-per-vm", 1, "VirtualDisks per VM (1..8)")
	fs.Int64Var(&o.seed, "seed", 1, "seed of disk content and random writes")
	fs.StringVar(&o.datastoreDir, "datastore-dir", "", "parent directory of the datastore directory")
	fs.StringVar(&o.readyFile, "ready-file", "", "also write the ready JSON line to this file")
	fs.DurationVar(&o.sessionIdle, "session-idle-timeout", 0, "expire SOAP sessions idle this long (0 = never)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(os.Stderr)
			fmt.Fprintln(os.Stderr, "usage: vcsim-launcher [flags]   (contract: tests/vcsim/README.md)")
			fs.PrintDefaults()
		}
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	size, err := parseSize(diskSize)
	if err != nil {
		return nil, fmt.Errorf("--disk-size: %w", err)
	}
	o.diskSize = size
	switch {
	case o.model != "esx" && o.model != "vpx":
		return nil, fmt.Errorf("--model: must be esx or vpx, got %q", o.model)
	case o.hosts < 1 || o.hosts > 1000:
		return nil, fmt.Errorf("--hosts: must be 1..1000, got %d", o.hosts)
	case o.vms < 1 || o.vms > 10000:
		return nil, fmt.Errorf("--vms: must be 1..10000, got %d", o.vms)
	case o.disksPerVM < 1 || o.disksPerVM > 8:
		return nil, fmt.Errorf("--disks-per-vm: must be 1..8, got %d", o.disksPerVM)
	case o.username == "" || o.password == "":
		return nil, fmt.Errorf("--username and --password must not be empty")
	case (o.tlsCert == "") != (o.tlsKey == ""):
		return nil, fmt.Errorf("--tls-cert and --tls-key must be given together")
	case o.sessionIdle < 0:
		return nil, fmt.Errorf("--session-idle-timeout must not be negative")
	case o.tlsCert != "" && !o.tls:
		return nil, fmt.Errorf("--tls-cert needs --tls")
	}
	return o, nil
}

// parseSize reads sizes like 64MiB, 1GiB, 512KiB or 1048576 (bytes); the result is a positive multiple of 512.
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		factor int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}
	factor := int64(1)
	num := strings.TrimSpace(s)
	for _, u := range units {
		if strings.HasSuffix(num, u.suffix) {
			factor = u.factor
			num = strings.TrimSuffix(num, u.suffix)
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	size := n * factor
	if size%512 != 0 || size > 2<<40-512*4096 {
		return 0, fmt.Errorf("size %q must be a multiple of 512 and below 2 TiB", s)
	}
	return size, nil
}
