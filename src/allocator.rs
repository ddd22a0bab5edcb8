//! How the process's memory allocator is set up, for the app and for the
//! benchmarks that time it.
//!
//! Every frame egui builds its meshes anew: on a map of a thousand
//! stakeholders that is a few megabytes, freed at the end of the frame.
//! glibc's allocator returned such memory to the system after each frame
//! (its "trim" of the heap's free top, and big blocks mapped and unmapped
//! one by one) and the next frame faulted it in again, page by page: more
//! than half of a value-chain frame went there. Here the heap keeps that
//! memory for the next frame instead.

/// Blocks up to this size come from the heap, not from a mapping of
/// their own that is given back when they are freed. A big map's meshes
/// are a few megabytes; bigger blocks, such as a big workspace's lists,
/// keep their own mappings, which grow without being copied.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MAP_ABOVE: i32 = 8 << 20;

/// Free memory at the top of the heap is given back to the system only
/// above this much, so one frame's meshes are there for the next.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const KEEP_FREE: i32 = 16 << 20;

/// Sets the allocator up as described above; call it once, first thing in
/// `main`. Returns whether the settings were taken (they are on Linux with
/// glibc; elsewhere the system's allocator is left as it is).
pub fn keep_freed_memory_for_reuse() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallopt only changes tuning parameters of glibc's
        // allocator, under its own lock; no memory is touched.
        #[allow(unsafe_code, reason = "the one call into C: glibc's mallopt")]
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MAP_ABOVE) == 1
                && libc::mallopt(libc::M_TRIM_THRESHOLD, KEEP_FREE) == 1
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn glibc_takes_the_settings() {
        assert!(super::keep_freed_memory_for_reuse());
    }
}
