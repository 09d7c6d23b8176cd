package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// layer is one file pair of a disk chain: a vmfs base (descriptor + flat extent) or a vmfsSparse delta
// (descriptor + COWD extent). Layers form a tree through parent; the VM writes to its disk's top layer.
type layer struct {
	dir       string // OS directory holding both files
	dsDir     string // datastore directory, e.g. "[LocalDS_0] ha-host_VM0"
	descName  string // e.g. "disk1-000001.vmdk"
	desc      descriptor
	parent    *layer
	descKey   int32 // layoutEx file keys, 0 = not assigned yet
	extentKey int32
}

func (l *layer) descPath() string   { return filepath.Join(l.dir, l.descName) }
func (l *layer) extentPath() string { return filepath.Join(l.dir, l.desc.extentFile) }
func (l *layer) dsPath() string     { return l.dsDir + "/" + l.descName }
func (l *layer) dsExtentPath() string {
	return l.dsDir + "/" + l.desc.extentFile
}
func (l *layer) isDelta() bool { return l.desc.createType == "vmfsSparse" }

func (l *layer) writeDescriptor() error {
	return os.WriteFile(l.descPath(), l.desc.render(), 0o600)
}

// extent is an open data file of a layer.
type extent interface {
	state(sector int64) (grainState, int64, error)
	write(sector int64, data []byte) error
	zero(sector, count int64) error
	readAt(p []byte, off int64) error
	close() error
}

func (l *layer) open() (extent, error) {
	if l.isDelta() {
		return openCOWD(l.extentPath())
	}
	f, err := os.OpenFile(l.extentPath(), os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	return &flatExtent{f: f, sectors: l.desc.sectors}, nil
}

func (l *layer) remove() {
	_ = os.Remove(l.descPath())
	_ = os.Remove(l.extentPath())
}

// flatExtent is a raw extent: every sector is stored.
type flatExtent struct {
	f       *os.File
	sectors int64
}

func (f *flatExtent) state(sector int64) (grainState, int64, error) {
	if sector < 0 || sector >= f.sectors {
		return grainUnallocated, 0, fmt.Errorf("sector %d beyond capacity %d", sector, f.sectors)
	}
	return grainData, sector * sectorSize, nil
}

func (f *flatExtent) write(sector int64, data []byte) error {
	if sector < 0 || sector+int64(len(data)/sectorSize) > f.sectors {
		return fmt.Errorf("write at sector %d beyond capacity %d", sector, f.sectors)
	}
	_, err := f.f.WriteAt(data, sector*sectorSize)
	return err
}

func (f *flatExtent) zero(sector, count int64) error {
	return f.write(sector, make([]byte, count*sectorSize))
}

func (f *flatExtent) readAt(p []byte, off int64) error {
	n, err := f.f.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	return err
}

func (f *flatExtent) close() error { return f.f.Close() }
