package main

import (
	"fmt"
	"hash/fnv"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

// diskStore owns the real disk files of every VM: their layer chains and which layer each snapshot froze.
type diskStore struct {
	mu       sync.Mutex
	seed     int64
	diskSize int64
	rng      *rand.Rand
	vms      map[string]*vmDisks // by VM moref value
}

// vmDisks is the disk state of one VM.
type vmDisks struct {
	ref    types.ManagedObjectReference
	disks  []*vmDisk
	frozen map[string]map[int32]*layer // snapshot moref value → device key → layer frozen by that snapshot

	fileKeys     map[string]int32  // layoutEx key per datastore file name
	nextKey      int32             // last assigned layoutEx key
	snapshotData map[string]string // snapshot moref value → its .vmsn datastore file name
	vmDir        string            // datastore directory of the .vmx, e.g. "[LocalDS_0] ha-host_VM0"
}

func newVMDisks(ref types.ManagedObjectReference) *vmDisks {
	return &vmDisks{ref: ref, frozen: map[string]map[int32]*layer{}, fileKeys: map[string]int32{}, nextKey: 100, snapshotData: map[string]string{}}
}

// vmDisk is one VirtualDisk device: its live layers and the one the VM writes to.
type vmDisk struct {
	key         int32
	capacity    int64 // bytes
	baseBacking types.VirtualDiskFlatVer2BackingInfo
	baseName    string // descriptor name without ".vmdk", e.g. "disk1"
	top         *layer
	layers      []*layer
}

func newDiskStore(seed, diskSize int64) *diskStore {
	return &diskStore{seed: seed, diskSize: diskSize, rng: rand.New(rand.NewSource(seed)), vms: map[string]*vmDisks{}}
}

// datastoreDirByName maps a datastore name to its local directory.
func datastoreDirByName(name string) (string, types.ManagedObjectReference, error) {
	for _, e := range simulator.Map.All("Datastore") {
		if ds := e.(*simulator.Datastore); ds.Name == name {
			return ds.Info.GetDatastoreInfo().Url, ds.Self, nil
		}
	}
	return "", types.ManagedObjectReference{}, fmt.Errorf("datastore %q not found", name)
}

// initialize replaces vcsim's empty disk files of every VM by real base disks with seeded content.
func (st *diskStore) initialize(vms []*simulator.VirtualMachine) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, vm := range vms {
		state := newVMDisks(vm.Self)
		state.vmDir = path.Dir(vm.Config.Files.VmPathName)
		for _, dev := range vm.Config.Hardware.Device {
			vd, ok := dev.(*types.VirtualDisk)
			if !ok {
				continue
			}
			backing, ok := vd.Backing.(*types.VirtualDiskFlatVer2BackingInfo)
			if !ok {
				continue
			}
			d, err := st.createBase(vm, vd.Key, backing)
			if err != nil {
				return fmt.Errorf("VM %s disk %d: %w", vm.Name, vd.Key, err)
			}
			state.disks = append(state.disks, d)
		}
		st.vms[vm.Self.Value] = state
		if err := st.apply(vm, state); err != nil {
			return err
		}
	}
	return nil
}

func (st *diskStore) createBase(vm *simulator.VirtualMachine, key int32, backing *types.VirtualDiskFlatVer2BackingInfo) (*vmDisk, error) {
	var p object.DatastorePath
	if !p.FromString(backing.FileName) {
		return nil, fmt.Errorf("cannot parse disk path %q", backing.FileName)
	}
	root, dsRef, err := datastoreDirByName(p.Datastore)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(p.Path), ".vmdk")
	dsDir := fmt.Sprintf("[%s] %s", p.Datastore, filepath.Dir(p.Path))
	l, err := st.newBase(filepath.Join(root, filepath.Dir(p.Path)), dsDir, base, st.contentSeed(vm.Self.Value, key))
	if err != nil {
		return nil, err
	}
	b := *backing
	b.FileName = l.dsPath()
	b.Datastore = &dsRef
	b.ThinProvisioned = types.NewBool(true)
	b.Parent = nil
	b.DeltaDiskFormat = ""
	b.Uuid = strings.ToUpper(strings.ReplaceAll(strings.ReplaceAll(l.desc.uuid, " ", ""), "-", ""))
	return &vmDisk{key: key, capacity: st.diskSize, baseBacking: b, baseName: base, top: l, layers: []*layer{l}}, nil
}

// newBase writes a vmfs base layer <base>.vmdk + <base>-flat.vmdk with seeded content into dir.
func (st *diskStore) newBase(dir, dsDir, base string, contentSeed int64) (*layer, error) {
	l := &layer{
		dir:      dir,
		dsDir:    dsDir,
		descName: base + ".vmdk",
		desc: descriptor{
			cid: newCID(st.rng), parentCID: noParentCID, createType: "vmfs",
			sectors: st.diskSize / sectorSize, extentType: "VMFS", extentFile: base + "-flat.vmdk",
			longCID: randomHex(st.rng, 24), uuid: randomDiskUUID(st.rng),
		},
	}
	if err := os.MkdirAll(l.dir, 0o700); err != nil {
		return nil, err
	}
	if err := l.writeDescriptor(); err != nil {
		return nil, err
	}
	if err := writeSeededFlat(l.extentPath(), st.diskSize, contentSeed); err != nil {
		return nil, err
	}
	return l, nil
}

func (st *diskStore) contentSeed(vm string, key int32) int64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/%d", st.seed, vm, key)
	return int64(h.Sum64())
}

// writeSeededFlat creates a sparse flat extent of size bytes: seeded random data in the first 64 KiB
// and in 4 KiB at every MiB boundary, zeros elsewhere.
func writeSeededFlat(path string, size, seed int64) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		return err
	}
	rng := rand.New(rand.NewSource(seed))
	head := make([]byte, min64(64<<10, size))
	rng.Read(head)
	if _, err := f.WriteAt(head, 0); err != nil {
		return err
	}
	block := make([]byte, 4096)
	for off := int64(1 << 20); off+4096 <= size; off += 1 << 20 {
		rng.Read(block)
		if _, err := f.WriteAt(block, off); err != nil {
			return err
		}
	}
	return nil
}

func min64(a, b int64) int64 {
	if a < b {
		return a
	}
	return b
}

// vmState returns the disk state of a VM, or nil when the launcher does not manage it.
func (st *diskStore) vmState(ref string) *vmDisks {
	return st.vms[ref]
}

func (v *vmDisks) disk(key int32) *vmDisk {
	for _, d := range v.disks {
		if d.key == key {
			return d
		}
	}
	return nil
}

// newDelta creates an empty vmfsSparse layer on top of parent, named <base>-00000N.vmdk with the next free N.
func (st *diskStore) newDelta(d *vmDisk, parent *layer) (*layer, error) {
	for n := 1; n < 1000000; n++ {
		name := fmt.Sprintf("%s-%06d", d.baseName, n)
		if _, err := os.Stat(filepath.Join(parent.dir, name+".vmdk")); err == nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(parent.dir, name+"-delta.vmdk")); err == nil {
			continue
		}
		l := &layer{
			dir: parent.dir, dsDir: parent.dsDir, descName: name + ".vmdk", parent: parent,
			desc: descriptor{
				cid: newCID(st.rng), parentCID: parent.desc.cid, createType: "vmfsSparse",
				parentHint: parent.descName, sectors: parent.desc.sectors, extentType: "VMFSSPARSE",
				extentFile: name + "-delta.vmdk", longCID: randomHex(st.rng, 24),
			},
		}
		if err := createCOWD(l.extentPath(), l.desc.sectors); err != nil {
			return nil, err
		}
		if err := l.writeDescriptor(); err != nil {
			l.remove()
			return nil, err
		}
		d.layers = append(d.layers, l)
		return l, nil
	}
	return nil, fmt.Errorf("no free delta name for %s", d.baseName)
}

// collectGarbage deletes the files of layers that neither the VM nor any snapshot can reach any more.
func (v *vmDisks) collectGarbage() {
	for _, d := range v.disks {
		reachable := map[*layer]bool{}
		mark := func(l *layer) {
			for ; l != nil && !reachable[l]; l = l.parent {
				reachable[l] = true
			}
		}
		mark(d.top)
		for _, byKey := range v.frozen {
			mark(byKey[d.key])
		}
		kept := d.layers[:0]
		for _, l := range d.layers {
			if reachable[l] {
				kept = append(kept, l)
			} else {
				l.remove()
			}
		}
		d.layers = kept
	}
}

// children returns the live layers whose parent is l.
func (d *vmDisk) children(l *layer) []*layer {
	var out []*layer
	for _, c := range d.layers {
		if c.parent == l {
			out = append(out, c)
		}
	}
	return out
}
