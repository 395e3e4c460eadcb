//! Heap allocations counted while a benchmark asks for them: a binary running the suite
//! installs [`Counting`] as its global allocator, and [`counted`] reports how many
//! allocations (and reallocations) the process made while a future ran. Outside [`counted`]
//! an allocation costs one relaxed load more than the system allocator's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

/// The system allocator, counting while [`counted`] runs.
pub struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

fn count() {
    if COUNTING.load(Relaxed) {
        ALLOCATIONS.fetch_add(1, Relaxed);
    }
}

// SAFETY: every call is passed on unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// What `work` gives, and how many allocations every thread of the process made while it
/// ran. Counts nothing unless [`Counting`] is the global allocator; one count at a time.
pub async fn counted<T>(work: impl Future<Output = T>) -> (T, u64) {
    let before = ALLOCATIONS.load(Relaxed);
    COUNTING.store(true, Relaxed);
    let out = work.await;
    COUNTING.store(false, Relaxed);
    (out, ALLOCATIONS.load(Relaxed) - before)
}
