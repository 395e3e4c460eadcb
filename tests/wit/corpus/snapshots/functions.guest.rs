#[allow(unused_unsafe, clippy::all)]
#[allow(async_fn_in_trait)]
pub fn log_line(line: &str) -> () {
    unsafe {
        let vec0 = line;
        let ptr0 = vec0.as_ptr().cast::<u8>();
        let len0 = vec0.len();
        #[cfg(target_arch = "wasm32")]
        #[link(wasm_import_module = "$root")]
        unsafe extern "C" {
            #[link_name = "log-line"]
            fn wit_import1(_: *mut u8, _: usize);
        }
        #[cfg(not(target_arch = "wasm32"))]
        unsafe extern "C" fn wit_import1(_: *mut u8, _: usize) {
            unreachable!()
        }
        wit_import1(ptr0.cast_mut(), len0);
    }
}
#[doc(hidden)]
#[allow(non_snake_case, unused_unsafe)]
pub unsafe fn _export_run_cabi<T_: Guest>(arg0: *mut u8, arg1: usize) -> *mut u8 {
    unsafe {
        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
        let result4 = {
            let base3 = arg0;
            let len3 = arg1;
            let mut result3 = _rt::Vec::with_capacity(len3);
            for i in 0..len3 {
                let base = base3.add(i * (2 * ::core::mem::size_of::<*const u8>()));
                let e3 = {
                    let l0 = *base.add(0).cast::<*mut u8>();
                    let l1 = *base
                        .add(::core::mem::size_of::<*const u8>())
                        .cast::<usize>();
                    let len2 = l1;
                    let bytes2 = _rt::Vec::from_raw_parts(l0.cast(), len2, len2);
                    _rt::string_lift(bytes2)
                };
                result3.push(e3);
            }
            _rt::cabi_dealloc(
                base3,
                len3 * (2 * ::core::mem::size_of::<*const u8>()),
                ::core::mem::size_of::<*const u8>(),
            );
            T_::run(result3)
        };
        let ptr5 = (&raw mut _RET_AREA.0).cast::<u8>();
        match result4 {
            Ok(e) => {
                *ptr5.add(0).cast::<u8>() = (0i32) as u8;
                *ptr5.add(::core::mem::size_of::<*const u8>()).cast::<i32>() = _rt::as_i32(
                    e,
                );
            }
            Err(e) => {
                *ptr5.add(0).cast::<u8>() = (1i32) as u8;
                let vec6 = (e.into_bytes()).into_boxed_slice();
                let ptr6 = vec6.as_ptr().cast::<u8>();
                let len6 = vec6.len();
                ::core::mem::forget(vec6);
                *ptr5.add(2 * ::core::mem::size_of::<*const u8>()).cast::<usize>() = len6;
                *ptr5.add(::core::mem::size_of::<*const u8>()).cast::<*mut u8>() = ptr6
                    .cast_mut();
            }
        };
        ptr5
    }
}
#[doc(hidden)]
#[allow(non_snake_case)]
pub unsafe fn __post_return_run<T_: Guest>(arg0: *mut u8) {
    unsafe {
        let l0 = i32::from(*arg0.add(0).cast::<u8>());
        match l0 {
            0 => {}
            _ => {
                let l1 = *arg0
                    .add(::core::mem::size_of::<*const u8>())
                    .cast::<*mut u8>();
                let l2 = *arg0
                    .add(2 * ::core::mem::size_of::<*const u8>())
                    .cast::<usize>();
                _rt::cabi_dealloc(l1, l2, 1);
            }
        }
    }
}
#[doc(hidden)]
#[allow(non_snake_case, unused_unsafe)]
pub unsafe fn _export_version_cabi<T_: Guest>() -> *mut u8 {
    unsafe {
        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
        let result0 = { T_::version() };
        let ptr1 = (&raw mut _RET_AREA.0).cast::<u8>();
        let (t2_0, t2_1, t2_2) = result0;
        *ptr1.add(0).cast::<u16>() = (_rt::as_i32(t2_0)) as u16;
        *ptr1.add(2).cast::<u16>() = (_rt::as_i32(t2_1)) as u16;
        *ptr1.add(4).cast::<u16>() = (_rt::as_i32(t2_2)) as u16;
        ptr1
    }
}
pub trait Guest {
    #[allow(async_fn_in_trait)]
    fn run(args: _rt::Vec<_rt::String>) -> Result<u32, _rt::String>;
    #[allow(async_fn_in_trait)]
    fn version() -> (u16, u16, u16);
}
#[doc(hidden)]
macro_rules! __export_world_functions_cabi {
    ($ty:ident with_types_in $($path_to_types:tt)*) => {
        const _ : () = { #[unsafe (export_name = "run")] unsafe extern "C" fn
        export_run(arg0 : * mut u8, arg1 : usize,) -> * mut u8 { unsafe {
        $($path_to_types)*:: _export_run_cabi::<$ty > (arg0, arg1) } } #[unsafe
        (export_name = "cabi_post_run")] unsafe extern "C" fn _post_return_run(arg0 : *
        mut u8,) { unsafe { $($path_to_types)*:: __post_return_run::<$ty > (arg0) } }
        #[unsafe (export_name = "version")] unsafe extern "C" fn export_version() -> *
        mut u8 { unsafe { $($path_to_types)*:: _export_version_cabi::<$ty > () } } };
    };
}
#[doc(hidden)]
pub(crate) use __export_world_functions_cabi;
#[cfg_attr(target_pointer_width = "64", repr(align(8)))]
#[cfg_attr(target_pointer_width = "32", repr(align(4)))]
struct _RetArea([::core::mem::MaybeUninit<u8>; 3 * ::core::mem::size_of::<*const u8>()]);
static mut _RET_AREA: _RetArea = _RetArea(
    [::core::mem::MaybeUninit::uninit(); 3 * ::core::mem::size_of::<*const u8>()],
);
mod _rt {
    #![allow(dead_code, unused_imports, clippy::all)]
    #[cfg(target_arch = "wasm32")]
    pub fn run_ctors_once() {
        ::guestkit::__private::wit_bindgen::rt::run_ctors_once();
    }
    pub use alloc_crate::vec::Vec;
    pub unsafe fn string_lift(bytes: Vec<u8>) -> String {
        if cfg!(debug_assertions) {
            String::from_utf8(bytes).unwrap()
        } else {
            unsafe { String::from_utf8_unchecked(bytes) }
        }
    }
    pub unsafe fn cabi_dealloc(ptr: *mut u8, size: usize, align: usize) {
        if size == 0 {
            return;
        }
        unsafe {
            let layout = alloc::Layout::from_size_align_unchecked(size, align);
            alloc::dealloc(ptr, layout);
        }
    }
    pub fn as_i32<T: AsI32>(t: T) -> i32 {
        t.as_i32()
    }
    pub trait AsI32 {
        fn as_i32(self) -> i32;
    }
    impl<'a, T: Copy + AsI32> AsI32 for &'a T {
        fn as_i32(self) -> i32 {
            (*self).as_i32()
        }
    }
    impl AsI32 for i32 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for u32 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for i16 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for u16 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for i8 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for u8 {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for char {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    impl AsI32 for usize {
        #[inline]
        fn as_i32(self) -> i32 {
            self as i32
        }
    }
    pub use alloc_crate::string::String;
    extern crate alloc as alloc_crate;
    pub use alloc_crate::alloc;
}
/// Generates `#[unsafe(no_mangle)]` functions to export the specified type as
/// the root implementation of all generated traits.
///
/// For more information see the documentation of `wit_bindgen::generate!`.
///
/// ```rust
/// # macro_rules! __guestkit_wit_export{ ($($t:tt)*) => (); }
/// # trait Guest {}
/// struct MyType;
///
/// impl Guest for MyType {
///     // ...
/// }
///
/// __guestkit_wit_export!(MyType);
/// ```
#[allow(unused_macros)]
#[doc(hidden)]
macro_rules! __export_functions_impl {
    ($ty:ident) => {
        self::__guestkit_wit_export!($ty with_types_in self);
    };
    ($ty:ident with_types_in $($path_to_types_root:tt)*) => {
        $($path_to_types_root)*:: __export_world_functions_cabi!($ty with_types_in
        $($path_to_types_root)*);
    };
}
#[doc(inline)]
pub(crate) use __export_functions_impl as __guestkit_wit_export;
#[cfg(target_arch = "wasm32")]
#[unsafe(
    link_section = "component-type:wit-bindgen:0.60.0:corpus:functions@0.1.0:functions:encoded world"
)]
#[doc(hidden)]
#[allow(clippy::octal_escapes)]
pub static __WIT_BINDGEN_COMPONENT_TYPE: [u8; 245] = *b"\
\0asm\x0d\0\x01\0\0\x19\x16wit-component-encoding\x04\0\x07v\x01A\x02\x01A\x09\x01\
@\x01\x04lines\x01\0\x03\0\x08log-line\x01\0\x01ps\x01j\x01y\x01s\x01@\x01\x04ar\
gs\x01\0\x02\x04\0\x03run\x01\x03\x01o\x03{{{\x01@\0\0\x04\x04\0\x07version\x01\x05\
\x04\0\x20corpus:functions/functions@0.1.0\x04\0\x0b\x0f\x01\0\x09functions\x03\0\
\0\0G\x09producers\x01\x0cprocessed-by\x02\x0dwit-component\x070.254.2\x10wit-bi\
ndgen-rust\x060.60.0";
#[inline(never)]
#[doc(hidden)]
pub fn __link_custom_section_describing_imports() {
    ::guestkit::__private::wit_bindgen::rt::maybe_link_cabi_realloc();
}
/// Exports the given type as the implementation of this world's own exports. (On wasm; in a
/// native build the impls are type-checked and nothing is exported.)
#[allow(unused_macros)]
macro_rules! export {
    ($($t:tt)*) => {
        #[cfg(target_arch = "wasm32")] __guestkit_wit_export!($($t)*);
    };
}
