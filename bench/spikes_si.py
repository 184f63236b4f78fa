# SpikeInterface side of `make bench-spikes` (bench/spikes.sh): what shared/research/spikes.md Appendix A times,
# on the recording our generator wrote. Usage: python spikes_si.py RAW CHANNELS FS OUTDIR [REPEATS]
# Writes OUTDIR/si_peaks.txt ("sample channel" per line) and OUTDIR/si_timing.txt ("wall cpu", medians, seconds).
import sys
import time

import numpy as np
import spikeinterface as si
import spikeinterface.preprocessing as spre
from probeinterface import generate_linear_probe
from spikeinterface.core import get_noise_levels
from spikeinterface.sortingcomponents.peak_detection import detect_peaks

raw, nch, fs, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 3
JOB = dict(n_jobs=1, chunk_duration="1s", progress_bar=False)
DET = dict(peak_sign="neg", detect_threshold=5, exclude_sweep_ms=1.0)  # SpikeInterface defaults

rec = si.read_binary(raw, sampling_frequency=fs, dtype="float32", num_channels=nch)
probe = generate_linear_probe(num_elec=nch, ypitch=20)
probe.set_device_channel_indices(np.arange(nch))
rec.set_probe(probe)  # in place; by_channel ignores geometry, but detect_peaks wants locations
rec = rec.save(format="memory", **JOB)  # materialised: timing excludes file reading


def bp(r):  # SpikeInterface default bandpass: 300-6000 Hz, Butterworth order 5, SOS, forward-backward
    return spre.bandpass_filter(r, freq_min=300.0, freq_max=6000.0)


# Noise levels once, outside the timed step (as Appendix A: detect_peaks gets noise_levels).
nl = get_noise_levels(bp(rec), return_in_uV=False, random_slices_kwargs=dict(seed=0), **JOB)
walls, cpus, peaks = [], [], None
for _ in range(repeats):
    w, c = time.perf_counter(), time.process_time()
    peaks = detect_peaks(bp(rec), method="by_channel", method_kwargs=dict(**DET, noise_levels=nl), job_kwargs=JOB)
    walls.append(time.perf_counter() - w)
    cpus.append(time.process_time() - c)
np.savetxt(f"{out}/si_peaks.txt", np.stack([peaks["sample_index"], peaks["channel_index"]], axis=1), fmt="%d")
with open(f"{out}/si_timing.txt", "w") as f:
    f.write(f"{float(np.median(walls)):.4f} {float(np.median(cpus)):.4f}")
print(f"spikeinterface {si.__version__}: bandpass+by_channel {nch} ch, runs wall {[round(x, 2) for x in walls]} s, "
      f"{peaks.size} peaks, noise MAD median {np.median(nl):.3f}")
