#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::log as __with_name0;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::types as __with_name1;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::messaging as __with_name2;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::process as __with_name3;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::discovery as __with_name4;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::state as __with_name5;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::capabilities as __with_name6;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::durable as __with_name7;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::streams as __with_name8;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::host_call as __with_name9;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::clock as __with_name10;
#[allow(unfulfilled_lint_expectations, unused_imports)]
use ::guestkit::host::random as __with_name11;
#[doc(hidden)]
#[allow(non_snake_case, unused_unsafe)]
pub unsafe fn _export_ping_cabi<T_: Guest>() -> *mut u8 {
    unsafe {
        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
        let result0 = { T_::ping() };
        let ptr1 = (&raw mut _RET_AREA.0).cast::<u8>();
        let vec2 = (result0.into_bytes()).into_boxed_slice();
        let ptr2 = vec2.as_ptr().cast::<u8>();
        let len2 = vec2.len();
        ::core::mem::forget(vec2);
        *ptr1.add(::core::mem::size_of::<*const u8>()).cast::<usize>() = len2;
        *ptr1.add(0).cast::<*mut u8>() = ptr2.cast_mut();
        ptr1
    }
}
#[doc(hidden)]
#[allow(non_snake_case)]
pub unsafe fn __post_return_ping<T_: Guest>(arg0: *mut u8) {
    unsafe {
        let l0 = *arg0.add(0).cast::<*mut u8>();
        let l1 = *arg0.add(::core::mem::size_of::<*const u8>()).cast::<usize>();
        _rt::cabi_dealloc(l0, l1, 1);
    }
}
pub trait Guest {
    #[allow(async_fn_in_trait)]
    fn ping() -> _rt::String;
}
#[doc(hidden)]
macro_rules! __export_world_directory_actor_cabi {
    ($ty:ident with_types_in $($path_to_types:tt)*) => {
        const _ : () = { #[unsafe (export_name = "ping")] unsafe extern "C" fn
        export_ping() -> * mut u8 { unsafe { $($path_to_types)*:: _export_ping_cabi::<$ty
        > () } } #[unsafe (export_name = "cabi_post_ping")] unsafe extern "C" fn
        _post_return_ping(arg0 : * mut u8,) { unsafe { $($path_to_types)*::
        __post_return_ping::<$ty > (arg0) } } };
    };
}
#[doc(hidden)]
pub(crate) use __export_world_directory_actor_cabi;
#[cfg_attr(target_pointer_width = "64", repr(align(8)))]
#[cfg_attr(target_pointer_width = "32", repr(align(4)))]
struct _RetArea([::core::mem::MaybeUninit<u8>; 2 * ::core::mem::size_of::<*const u8>()]);
static mut _RET_AREA: _RetArea = _RetArea(
    [::core::mem::MaybeUninit::uninit(); 2 * ::core::mem::size_of::<*const u8>()],
);
#[allow(dead_code, clippy::all)]
pub mod exports {
    pub mod corpus {
        pub mod functions {
            #[allow(dead_code, async_fn_in_trait, unused_imports, clippy::all)]
            pub mod directory {
                #[used]
                #[doc(hidden)]
                static __FORCE_SECTION_REF: fn() = super::super::super::super::__link_custom_section_describing_imports;
                use super::super::super::super::_rt;
                pub type Address = super::super::super::super::__with_name1::Address;
                pub type ActorError = super::super::super::super::__with_name1::ActorError;
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_lookup_cabi<T_: Guest>(
                    arg0: *mut u8,
                    arg1: usize,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result1 = {
                            let len0 = arg1;
                            let bytes0 = _rt::Vec::from_raw_parts(
                                arg0.cast(),
                                len0,
                                len0,
                            );
                            T_::lookup(_rt::string_lift(bytes0))
                        };
                        let ptr2 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result1 {
                            Ok(e) => {
                                *ptr2.add(0).cast::<u8>() = (0i32) as u8;
                                let super::super::super::super::__with_name1::Address {
                                    node: node3,
                                    process: process3,
                                } = e;
                                let vec4 = (node3.into_bytes()).into_boxed_slice();
                                let ptr4 = vec4.as_ptr().cast::<u8>();
                                let len4 = vec4.len();
                                ::core::mem::forget(vec4);
                                *ptr2
                                    .add(8 + 1 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len4;
                                *ptr2.add(8).cast::<*mut u8>() = ptr4.cast_mut();
                                let super::super::super::super::__with_name1::ProcessId {
                                    process_name: process_name5,
                                    package_name: package_name5,
                                    publisher_node: publisher_node5,
                                } = process3;
                                let vec6 = (process_name5.into_bytes()).into_boxed_slice();
                                let ptr6 = vec6.as_ptr().cast::<u8>();
                                let len6 = vec6.len();
                                ::core::mem::forget(vec6);
                                *ptr2
                                    .add(8 + 3 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len6;
                                *ptr2
                                    .add(8 + 2 * ::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>() = ptr6.cast_mut();
                                let vec7 = (package_name5.into_bytes()).into_boxed_slice();
                                let ptr7 = vec7.as_ptr().cast::<u8>();
                                let len7 = vec7.len();
                                ::core::mem::forget(vec7);
                                *ptr2
                                    .add(8 + 5 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len7;
                                *ptr2
                                    .add(8 + 4 * ::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>() = ptr7.cast_mut();
                                let vec8 = (publisher_node5.into_bytes())
                                    .into_boxed_slice();
                                let ptr8 = vec8.as_ptr().cast::<u8>();
                                let len8 = vec8.len();
                                ::core::mem::forget(vec8);
                                *ptr2
                                    .add(8 + 7 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len8;
                                *ptr2
                                    .add(8 + 6 * ::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>() = ptr8.cast_mut();
                            }
                            Err(e) => {
                                *ptr2.add(0).cast::<u8>() = (1i32) as u8;
                                use super::super::super::super::__with_name1::ActorError as V24;
                                match e {
                                    V24::TimedOut => {
                                        *ptr2.add(8).cast::<u8>() = (0i32) as u8;
                                    }
                                    V24::Offline => {
                                        *ptr2.add(8).cast::<u8>() = (1i32) as u8;
                                    }
                                    V24::Unavailable(e) => {
                                        *ptr2.add(8).cast::<u8>() = (2i32) as u8;
                                        let vec9 = (e.into_bytes()).into_boxed_slice();
                                        let ptr9 = vec9.as_ptr().cast::<u8>();
                                        let len9 = vec9.len();
                                        ::core::mem::forget(vec9);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len9;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr9.cast_mut();
                                    }
                                    V24::ConnectionNotReady(e) => {
                                        *ptr2.add(8).cast::<u8>() = (3i32) as u8;
                                        match e {
                                            Some(e) => {
                                                *ptr2.add(16).cast::<u8>() = (1i32) as u8;
                                                *ptr2.add(24).cast::<i64>() = _rt::as_i64(e);
                                            }
                                            None => {
                                                *ptr2.add(16).cast::<u8>() = (0i32) as u8;
                                            }
                                        };
                                    }
                                    V24::NotFound(e) => {
                                        *ptr2.add(8).cast::<u8>() = (4i32) as u8;
                                        let vec10 = (e.into_bytes()).into_boxed_slice();
                                        let ptr10 = vec10.as_ptr().cast::<u8>();
                                        let len10 = vec10.len();
                                        ::core::mem::forget(vec10);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len10;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr10.cast_mut();
                                    }
                                    V24::PermissionDenied(e) => {
                                        *ptr2.add(8).cast::<u8>() = (5i32) as u8;
                                        let vec11 = (e.into_bytes()).into_boxed_slice();
                                        let ptr11 = vec11.as_ptr().cast::<u8>();
                                        let len11 = vec11.len();
                                        ::core::mem::forget(vec11);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len11;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr11.cast_mut();
                                    }
                                    V24::InvalidArgument(e) => {
                                        *ptr2.add(8).cast::<u8>() = (6i32) as u8;
                                        let vec12 = (e.into_bytes()).into_boxed_slice();
                                        let ptr12 = vec12.as_ptr().cast::<u8>();
                                        let len12 = vec12.len();
                                        ::core::mem::forget(vec12);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len12;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr12.cast_mut();
                                    }
                                    V24::UnknownRoute(e) => {
                                        *ptr2.add(8).cast::<u8>() = (7i32) as u8;
                                        let vec13 = (e.into_bytes()).into_boxed_slice();
                                        let ptr13 = vec13.as_ptr().cast::<u8>();
                                        let len13 = vec13.len();
                                        ::core::mem::forget(vec13);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len13;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr13.cast_mut();
                                    }
                                    V24::DependencyNotFound(e) => {
                                        *ptr2.add(8).cast::<u8>() = (8i32) as u8;
                                        let vec14 = (e.into_bytes()).into_boxed_slice();
                                        let ptr14 = vec14.as_ptr().cast::<u8>();
                                        let len14 = vec14.len();
                                        ::core::mem::forget(vec14);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len14;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr14.cast_mut();
                                    }
                                    V24::DecodeFailure(e) => {
                                        *ptr2.add(8).cast::<u8>() = (9i32) as u8;
                                        let vec15 = (e.into_bytes()).into_boxed_slice();
                                        let ptr15 = vec15.as_ptr().cast::<u8>();
                                        let len15 = vec15.len();
                                        ::core::mem::forget(vec15);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len15;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr15.cast_mut();
                                    }
                                    V24::NotImplemented(e) => {
                                        *ptr2.add(8).cast::<u8>() = (10i32) as u8;
                                        let vec16 = (e.into_bytes()).into_boxed_slice();
                                        let ptr16 = vec16.as_ptr().cast::<u8>();
                                        let len16 = vec16.len();
                                        ::core::mem::forget(vec16);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len16;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr16.cast_mut();
                                    }
                                    V24::Internal(e) => {
                                        *ptr2.add(8).cast::<u8>() = (11i32) as u8;
                                        let vec17 = (e.into_bytes()).into_boxed_slice();
                                        let ptr17 = vec17.as_ptr().cast::<u8>();
                                        let len17 = vec17.len();
                                        ::core::mem::forget(vec17);
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len17;
                                        *ptr2.add(16).cast::<*mut u8>() = ptr17.cast_mut();
                                    }
                                    V24::Application(e) => {
                                        *ptr2.add(8).cast::<u8>() = (12i32) as u8;
                                        let super::super::super::super::__with_name1::Failure {
                                            code: code18,
                                            message: message18,
                                            metadata: metadata18,
                                        } = e;
                                        *ptr2.add(16).cast::<u16>() = (_rt::as_i32(code18)) as u16;
                                        let vec19 = (message18.into_bytes()).into_boxed_slice();
                                        let ptr19 = vec19.as_ptr().cast::<u8>();
                                        let len19 = vec19.len();
                                        ::core::mem::forget(vec19);
                                        *ptr2
                                            .add(16 + 2 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len19;
                                        *ptr2
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<*mut u8>() = ptr19.cast_mut();
                                        let vec23 = metadata18;
                                        let len23 = vec23.len();
                                        let layout23 = _rt::alloc::Layout::from_size_align(
                                                vec23.len() * (4 * ::core::mem::size_of::<*const u8>()),
                                                ::core::mem::size_of::<*const u8>(),
                                            )
                                            .unwrap();
                                        let (result23, _cleanup23) = ::guestkit::__private::wit_bindgen::rt::Cleanup::new(
                                            layout23,
                                        );
                                        if let Some(cleanup) = _cleanup23 {
                                            cleanup.forget();
                                        }
                                        for (i, e) in vec23.into_iter().enumerate() {
                                            let base = result23
                                                .add(i * (4 * ::core::mem::size_of::<*const u8>()));
                                            {
                                                let super::super::super::super::__with_name1::Header {
                                                    key: key20,
                                                    value: value20,
                                                } = e;
                                                let vec21 = (key20.into_bytes()).into_boxed_slice();
                                                let ptr21 = vec21.as_ptr().cast::<u8>();
                                                let len21 = vec21.len();
                                                ::core::mem::forget(vec21);
                                                *base
                                                    .add(::core::mem::size_of::<*const u8>())
                                                    .cast::<usize>() = len21;
                                                *base.add(0).cast::<*mut u8>() = ptr21.cast_mut();
                                                let vec22 = (value20.into_bytes()).into_boxed_slice();
                                                let ptr22 = vec22.as_ptr().cast::<u8>();
                                                let len22 = vec22.len();
                                                ::core::mem::forget(vec22);
                                                *base
                                                    .add(3 * ::core::mem::size_of::<*const u8>())
                                                    .cast::<usize>() = len22;
                                                *base
                                                    .add(2 * ::core::mem::size_of::<*const u8>())
                                                    .cast::<*mut u8>() = ptr22.cast_mut();
                                            }
                                        }
                                        *ptr2
                                            .add(16 + 4 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len23;
                                        *ptr2
                                            .add(16 + 3 * ::core::mem::size_of::<*const u8>())
                                            .cast::<*mut u8>() = result23;
                                    }
                                }
                            }
                        };
                        ptr2
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_lookup<T_: Guest>(arg0: *mut u8) {
                    unsafe {
                        let l0 = i32::from(*arg0.add(0).cast::<u8>());
                        match l0 {
                            0 => {
                                let l1 = *arg0.add(8).cast::<*mut u8>();
                                let l2 = *arg0
                                    .add(8 + 1 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>();
                                _rt::cabi_dealloc(l1, l2, 1);
                                let l3 = *arg0
                                    .add(8 + 2 * ::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>();
                                let l4 = *arg0
                                    .add(8 + 3 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>();
                                _rt::cabi_dealloc(l3, l4, 1);
                                let l5 = *arg0
                                    .add(8 + 4 * ::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>();
                                let l6 = *arg0
                                    .add(8 + 5 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>();
                                _rt::cabi_dealloc(l5, l6, 1);
                                let l7 = *arg0
                                    .add(8 + 6 * ::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>();
                                let l8 = *arg0
                                    .add(8 + 7 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>();
                                _rt::cabi_dealloc(l7, l8, 1);
                            }
                            _ => {
                                let l9 = i32::from(*arg0.add(8).cast::<u8>());
                                match l9 {
                                    0 => {}
                                    1 => {}
                                    2 => {
                                        let l10 = *arg0.add(16).cast::<*mut u8>();
                                        let l11 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l10, l11, 1);
                                    }
                                    3 => {}
                                    4 => {
                                        let l12 = *arg0.add(16).cast::<*mut u8>();
                                        let l13 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l12, l13, 1);
                                    }
                                    5 => {
                                        let l14 = *arg0.add(16).cast::<*mut u8>();
                                        let l15 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l14, l15, 1);
                                    }
                                    6 => {
                                        let l16 = *arg0.add(16).cast::<*mut u8>();
                                        let l17 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l16, l17, 1);
                                    }
                                    7 => {
                                        let l18 = *arg0.add(16).cast::<*mut u8>();
                                        let l19 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l18, l19, 1);
                                    }
                                    8 => {
                                        let l20 = *arg0.add(16).cast::<*mut u8>();
                                        let l21 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l20, l21, 1);
                                    }
                                    9 => {
                                        let l22 = *arg0.add(16).cast::<*mut u8>();
                                        let l23 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l22, l23, 1);
                                    }
                                    10 => {
                                        let l24 = *arg0.add(16).cast::<*mut u8>();
                                        let l25 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l24, l25, 1);
                                    }
                                    11 => {
                                        let l26 = *arg0.add(16).cast::<*mut u8>();
                                        let l27 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l26, l27, 1);
                                    }
                                    _ => {
                                        let l28 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<*mut u8>();
                                        let l29 = *arg0
                                            .add(16 + 2 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l28, l29, 1);
                                        let l30 = *arg0
                                            .add(16 + 3 * ::core::mem::size_of::<*const u8>())
                                            .cast::<*mut u8>();
                                        let l31 = *arg0
                                            .add(16 + 4 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        let base36 = l30;
                                        let len36 = l31;
                                        for i in 0..len36 {
                                            let base = base36
                                                .add(i * (4 * ::core::mem::size_of::<*const u8>()));
                                            {
                                                let l32 = *base.add(0).cast::<*mut u8>();
                                                let l33 = *base
                                                    .add(::core::mem::size_of::<*const u8>())
                                                    .cast::<usize>();
                                                _rt::cabi_dealloc(l32, l33, 1);
                                                let l34 = *base
                                                    .add(2 * ::core::mem::size_of::<*const u8>())
                                                    .cast::<*mut u8>();
                                                let l35 = *base
                                                    .add(3 * ::core::mem::size_of::<*const u8>())
                                                    .cast::<usize>();
                                                _rt::cabi_dealloc(l34, l35, 1);
                                            }
                                        }
                                        _rt::cabi_dealloc(
                                            base36,
                                            len36 * (4 * ::core::mem::size_of::<*const u8>()),
                                            ::core::mem::size_of::<*const u8>(),
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_register_cabi<T_: Guest>(
                    arg0: *mut u8,
                    arg1: usize,
                    arg2: *mut u8,
                    arg3: usize,
                    arg4: *mut u8,
                    arg5: usize,
                    arg6: *mut u8,
                    arg7: usize,
                    arg8: *mut u8,
                    arg9: usize,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result5 = {
                            let len0 = arg1;
                            let bytes0 = _rt::Vec::from_raw_parts(
                                arg0.cast(),
                                len0,
                                len0,
                            );
                            let len1 = arg3;
                            let bytes1 = _rt::Vec::from_raw_parts(
                                arg2.cast(),
                                len1,
                                len1,
                            );
                            let len2 = arg5;
                            let bytes2 = _rt::Vec::from_raw_parts(
                                arg4.cast(),
                                len2,
                                len2,
                            );
                            let len3 = arg7;
                            let bytes3 = _rt::Vec::from_raw_parts(
                                arg6.cast(),
                                len3,
                                len3,
                            );
                            let len4 = arg9;
                            let bytes4 = _rt::Vec::from_raw_parts(
                                arg8.cast(),
                                len4,
                                len4,
                            );
                            T_::register(
                                _rt::string_lift(bytes0),
                                super::super::super::super::__with_name1::Address {
                                    node: _rt::string_lift(bytes1),
                                    process: super::super::super::super::__with_name1::ProcessId {
                                        process_name: _rt::string_lift(bytes2),
                                        package_name: _rt::string_lift(bytes3),
                                        publisher_node: _rt::string_lift(bytes4),
                                    },
                                },
                            )
                        };
                        let ptr6 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result5 {
                            Ok(_) => {
                                *ptr6.add(0).cast::<u8>() = (0i32) as u8;
                            }
                            Err(e) => {
                                *ptr6.add(0).cast::<u8>() = (1i32) as u8;
                                use super::super::super::super::__with_name1::ActorError as V22;
                                match e {
                                    V22::TimedOut => {
                                        *ptr6.add(8).cast::<u8>() = (0i32) as u8;
                                    }
                                    V22::Offline => {
                                        *ptr6.add(8).cast::<u8>() = (1i32) as u8;
                                    }
                                    V22::Unavailable(e) => {
                                        *ptr6.add(8).cast::<u8>() = (2i32) as u8;
                                        let vec7 = (e.into_bytes()).into_boxed_slice();
                                        let ptr7 = vec7.as_ptr().cast::<u8>();
                                        let len7 = vec7.len();
                                        ::core::mem::forget(vec7);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len7;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr7.cast_mut();
                                    }
                                    V22::ConnectionNotReady(e) => {
                                        *ptr6.add(8).cast::<u8>() = (3i32) as u8;
                                        match e {
                                            Some(e) => {
                                                *ptr6.add(16).cast::<u8>() = (1i32) as u8;
                                                *ptr6.add(24).cast::<i64>() = _rt::as_i64(e);
                                            }
                                            None => {
                                                *ptr6.add(16).cast::<u8>() = (0i32) as u8;
                                            }
                                        };
                                    }
                                    V22::NotFound(e) => {
                                        *ptr6.add(8).cast::<u8>() = (4i32) as u8;
                                        let vec8 = (e.into_bytes()).into_boxed_slice();
                                        let ptr8 = vec8.as_ptr().cast::<u8>();
                                        let len8 = vec8.len();
                                        ::core::mem::forget(vec8);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len8;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr8.cast_mut();
                                    }
                                    V22::PermissionDenied(e) => {
                                        *ptr6.add(8).cast::<u8>() = (5i32) as u8;
                                        let vec9 = (e.into_bytes()).into_boxed_slice();
                                        let ptr9 = vec9.as_ptr().cast::<u8>();
                                        let len9 = vec9.len();
                                        ::core::mem::forget(vec9);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len9;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr9.cast_mut();
                                    }
                                    V22::InvalidArgument(e) => {
                                        *ptr6.add(8).cast::<u8>() = (6i32) as u8;
                                        let vec10 = (e.into_bytes()).into_boxed_slice();
                                        let ptr10 = vec10.as_ptr().cast::<u8>();
                                        let len10 = vec10.len();
                                        ::core::mem::forget(vec10);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len10;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr10.cast_mut();
                                    }
                                    V22::UnknownRoute(e) => {
                                        *ptr6.add(8).cast::<u8>() = (7i32) as u8;
                                        let vec11 = (e.into_bytes()).into_boxed_slice();
                                        let ptr11 = vec11.as_ptr().cast::<u8>();
                                        let len11 = vec11.len();
                                        ::core::mem::forget(vec11);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len11;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr11.cast_mut();
                                    }
                                    V22::DependencyNotFound(e) => {
                                        *ptr6.add(8).cast::<u8>() = (8i32) as u8;
                                        let vec12 = (e.into_bytes()).into_boxed_slice();
                                        let ptr12 = vec12.as_ptr().cast::<u8>();
                                        let len12 = vec12.len();
                                        ::core::mem::forget(vec12);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len12;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr12.cast_mut();
                                    }
                                    V22::DecodeFailure(e) => {
                                        *ptr6.add(8).cast::<u8>() = (9i32) as u8;
                                        let vec13 = (e.into_bytes()).into_boxed_slice();
                                        let ptr13 = vec13.as_ptr().cast::<u8>();
                                        let len13 = vec13.len();
                                        ::core::mem::forget(vec13);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len13;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr13.cast_mut();
                                    }
                                    V22::NotImplemented(e) => {
                                        *ptr6.add(8).cast::<u8>() = (10i32) as u8;
                                        let vec14 = (e.into_bytes()).into_boxed_slice();
                                        let ptr14 = vec14.as_ptr().cast::<u8>();
                                        let len14 = vec14.len();
                                        ::core::mem::forget(vec14);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len14;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr14.cast_mut();
                                    }
                                    V22::Internal(e) => {
                                        *ptr6.add(8).cast::<u8>() = (11i32) as u8;
                                        let vec15 = (e.into_bytes()).into_boxed_slice();
                                        let ptr15 = vec15.as_ptr().cast::<u8>();
                                        let len15 = vec15.len();
                                        ::core::mem::forget(vec15);
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len15;
                                        *ptr6.add(16).cast::<*mut u8>() = ptr15.cast_mut();
                                    }
                                    V22::Application(e) => {
                                        *ptr6.add(8).cast::<u8>() = (12i32) as u8;
                                        let super::super::super::super::__with_name1::Failure {
                                            code: code16,
                                            message: message16,
                                            metadata: metadata16,
                                        } = e;
                                        *ptr6.add(16).cast::<u16>() = (_rt::as_i32(code16)) as u16;
                                        let vec17 = (message16.into_bytes()).into_boxed_slice();
                                        let ptr17 = vec17.as_ptr().cast::<u8>();
                                        let len17 = vec17.len();
                                        ::core::mem::forget(vec17);
                                        *ptr6
                                            .add(16 + 2 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len17;
                                        *ptr6
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<*mut u8>() = ptr17.cast_mut();
                                        let vec21 = metadata16;
                                        let len21 = vec21.len();
                                        let layout21 = _rt::alloc::Layout::from_size_align(
                                                vec21.len() * (4 * ::core::mem::size_of::<*const u8>()),
                                                ::core::mem::size_of::<*const u8>(),
                                            )
                                            .unwrap();
                                        let (result21, _cleanup21) = ::guestkit::__private::wit_bindgen::rt::Cleanup::new(
                                            layout21,
                                        );
                                        if let Some(cleanup) = _cleanup21 {
                                            cleanup.forget();
                                        }
                                        for (i, e) in vec21.into_iter().enumerate() {
                                            let base = result21
                                                .add(i * (4 * ::core::mem::size_of::<*const u8>()));
                                            {
                                                let super::super::super::super::__with_name1::Header {
                                                    key: key18,
                                                    value: value18,
                                                } = e;
                                                let vec19 = (key18.into_bytes()).into_boxed_slice();
                                                let ptr19 = vec19.as_ptr().cast::<u8>();
                                                let len19 = vec19.len();
                                                ::core::mem::forget(vec19);
                                                *base
                                                    .add(::core::mem::size_of::<*const u8>())
                                                    .cast::<usize>() = len19;
                                                *base.add(0).cast::<*mut u8>() = ptr19.cast_mut();
                                                let vec20 = (value18.into_bytes()).into_boxed_slice();
                                                let ptr20 = vec20.as_ptr().cast::<u8>();
                                                let len20 = vec20.len();
                                                ::core::mem::forget(vec20);
                                                *base
                                                    .add(3 * ::core::mem::size_of::<*const u8>())
                                                    .cast::<usize>() = len20;
                                                *base
                                                    .add(2 * ::core::mem::size_of::<*const u8>())
                                                    .cast::<*mut u8>() = ptr20.cast_mut();
                                            }
                                        }
                                        *ptr6
                                            .add(16 + 4 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>() = len21;
                                        *ptr6
                                            .add(16 + 3 * ::core::mem::size_of::<*const u8>())
                                            .cast::<*mut u8>() = result21;
                                    }
                                }
                            }
                        };
                        ptr6
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_register<T_: Guest>(arg0: *mut u8) {
                    unsafe {
                        let l0 = i32::from(*arg0.add(0).cast::<u8>());
                        match l0 {
                            0 => {}
                            _ => {
                                let l1 = i32::from(*arg0.add(8).cast::<u8>());
                                match l1 {
                                    0 => {}
                                    1 => {}
                                    2 => {
                                        let l2 = *arg0.add(16).cast::<*mut u8>();
                                        let l3 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l2, l3, 1);
                                    }
                                    3 => {}
                                    4 => {
                                        let l4 = *arg0.add(16).cast::<*mut u8>();
                                        let l5 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l4, l5, 1);
                                    }
                                    5 => {
                                        let l6 = *arg0.add(16).cast::<*mut u8>();
                                        let l7 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l6, l7, 1);
                                    }
                                    6 => {
                                        let l8 = *arg0.add(16).cast::<*mut u8>();
                                        let l9 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l8, l9, 1);
                                    }
                                    7 => {
                                        let l10 = *arg0.add(16).cast::<*mut u8>();
                                        let l11 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l10, l11, 1);
                                    }
                                    8 => {
                                        let l12 = *arg0.add(16).cast::<*mut u8>();
                                        let l13 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l12, l13, 1);
                                    }
                                    9 => {
                                        let l14 = *arg0.add(16).cast::<*mut u8>();
                                        let l15 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l14, l15, 1);
                                    }
                                    10 => {
                                        let l16 = *arg0.add(16).cast::<*mut u8>();
                                        let l17 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l16, l17, 1);
                                    }
                                    11 => {
                                        let l18 = *arg0.add(16).cast::<*mut u8>();
                                        let l19 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l18, l19, 1);
                                    }
                                    _ => {
                                        let l20 = *arg0
                                            .add(16 + 1 * ::core::mem::size_of::<*const u8>())
                                            .cast::<*mut u8>();
                                        let l21 = *arg0
                                            .add(16 + 2 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        _rt::cabi_dealloc(l20, l21, 1);
                                        let l22 = *arg0
                                            .add(16 + 3 * ::core::mem::size_of::<*const u8>())
                                            .cast::<*mut u8>();
                                        let l23 = *arg0
                                            .add(16 + 4 * ::core::mem::size_of::<*const u8>())
                                            .cast::<usize>();
                                        let base28 = l22;
                                        let len28 = l23;
                                        for i in 0..len28 {
                                            let base = base28
                                                .add(i * (4 * ::core::mem::size_of::<*const u8>()));
                                            {
                                                let l24 = *base.add(0).cast::<*mut u8>();
                                                let l25 = *base
                                                    .add(::core::mem::size_of::<*const u8>())
                                                    .cast::<usize>();
                                                _rt::cabi_dealloc(l24, l25, 1);
                                                let l26 = *base
                                                    .add(2 * ::core::mem::size_of::<*const u8>())
                                                    .cast::<*mut u8>();
                                                let l27 = *base
                                                    .add(3 * ::core::mem::size_of::<*const u8>())
                                                    .cast::<usize>();
                                                _rt::cabi_dealloc(l26, l27, 1);
                                            }
                                        }
                                        _rt::cabi_dealloc(
                                            base28,
                                            len28 * (4 * ::core::mem::size_of::<*const u8>()),
                                            ::core::mem::size_of::<*const u8>(),
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
                pub trait Guest {
                    #[allow(async_fn_in_trait)]
                    fn lookup(name: _rt::String) -> Result<Address, ActorError>;
                    #[allow(async_fn_in_trait)]
                    fn register(
                        name: _rt::String,
                        at: Address,
                    ) -> Result<(), ActorError>;
                }
                #[doc(hidden)]
                macro_rules! __export_corpus_functions_directory_0_1_0_cabi {
                    ($ty:ident with_types_in $($path_to_types:tt)*) => {
                        const _ : () = { #[unsafe (export_name =
                        "corpus:functions/directory@0.1.0#lookup")] unsafe extern "C" fn
                        export_lookup(arg0 : * mut u8, arg1 : usize,) -> * mut u8 {
                        unsafe { $($path_to_types)*:: _export_lookup_cabi::<$ty > (arg0,
                        arg1) } } #[unsafe (export_name =
                        "cabi_post_corpus:functions/directory@0.1.0#lookup")] unsafe
                        extern "C" fn _post_return_lookup(arg0 : * mut u8,) { unsafe {
                        $($path_to_types)*:: __post_return_lookup::<$ty > (arg0) } }
                        #[unsafe (export_name =
                        "corpus:functions/directory@0.1.0#register")] unsafe extern "C"
                        fn export_register(arg0 : * mut u8, arg1 : usize, arg2 : * mut
                        u8, arg3 : usize, arg4 : * mut u8, arg5 : usize, arg6 : * mut u8,
                        arg7 : usize, arg8 : * mut u8, arg9 : usize,) -> * mut u8 {
                        unsafe { $($path_to_types)*:: _export_register_cabi::<$ty >
                        (arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9) } }
                        #[unsafe (export_name =
                        "cabi_post_corpus:functions/directory@0.1.0#register")] unsafe
                        extern "C" fn _post_return_register(arg0 : * mut u8,) { unsafe {
                        $($path_to_types)*:: __post_return_register::<$ty > (arg0) } } };
                    };
                }
                #[doc(hidden)]
                pub(crate) use __export_corpus_functions_directory_0_1_0_cabi;
                #[repr(align(8))]
                struct _RetArea(
                    [::core::mem::MaybeUninit<
                        u8,
                    >; 8 + 8 * ::core::mem::size_of::<*const u8>()],
                );
                static mut _RET_AREA: _RetArea = _RetArea(
                    [::core::mem::MaybeUninit::uninit(); 8
                        + 8 * ::core::mem::size_of::<*const u8>()],
                );
            }
        }
    }
}
mod _rt {
    #![allow(dead_code, unused_imports, clippy::all)]
    #[cfg(target_arch = "wasm32")]
    pub fn run_ctors_once() {
        ::guestkit::__private::wit_bindgen::rt::run_ctors_once();
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
    pub use alloc_crate::string::String;
    pub use alloc_crate::vec::Vec;
    pub unsafe fn string_lift(bytes: Vec<u8>) -> String {
        if cfg!(debug_assertions) {
            String::from_utf8(bytes).unwrap()
        } else {
            unsafe { String::from_utf8_unchecked(bytes) }
        }
    }
    pub fn as_i64<T: AsI64>(t: T) -> i64 {
        t.as_i64()
    }
    pub trait AsI64 {
        fn as_i64(self) -> i64;
    }
    impl<'a, T: Copy + AsI64> AsI64 for &'a T {
        fn as_i64(self) -> i64 {
            (*self).as_i64()
        }
    }
    impl AsI64 for i64 {
        #[inline]
        fn as_i64(self) -> i64 {
            self as i64
        }
    }
    impl AsI64 for u64 {
        #[inline]
        fn as_i64(self) -> i64 {
            self as i64
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
    pub use alloc_crate::alloc;
    extern crate alloc as alloc_crate;
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
macro_rules! __export_directory_actor_impl {
    ($ty:ident) => {
        self::__guestkit_wit_export!($ty with_types_in self);
    };
    ($ty:ident with_types_in $($path_to_types_root:tt)*) => {
        $($path_to_types_root)*:: __export_world_directory_actor_cabi!($ty with_types_in
        $($path_to_types_root)*); $($path_to_types_root)*::
        exports::corpus::functions::directory::__export_corpus_functions_directory_0_1_0_cabi!($ty
        with_types_in $($path_to_types_root)*:: exports::corpus::functions::directory);
    };
}
#[doc(inline)]
pub(crate) use __export_directory_actor_impl as __guestkit_wit_export;
#[cfg(target_arch = "wasm32")]
#[unsafe(
    link_section = "component-type:wit-bindgen:0.60.0:corpus:functions@0.1.0:directory-actor:encoded world"
)]
#[doc(hidden)]
#[allow(clippy::octal_escapes)]
pub static __WIT_BINDGEN_COMPONENT_TYPE: [u8; 7727] = *b"\
\0asm\x0d\0\x01\0\0\x19\x16wit-component-encoding\x04\0\x07\xa9;\x01A\x02\x01A/\x01\
B\x06\x01m\x05\x05trace\x05debug\x04info\x04warn\x05error\x04\0\x05level\x03\0\0\
\x01@\x02\x05level\x01\x07messages\x01\0\x04\0\x03log\x01\x02\x01@\x02\x09verbos\
ity}\x07messages\x01\0\x04\0\x05print\x01\x03\x03\0\x17guestkit:host/log@0.1.0\x05\
\0\x01BG\x01s\x04\0\x07node-id\x03\0\0\x01r\x03\x0cprocess-names\x0cpackage-name\
s\x0epublisher-node\x01\x04\0\x0aprocess-id\x03\0\x02\x01r\x02\x04node\x01\x07pr\
ocess\x03\x04\0\x07address\x03\0\x04\x01r\x03\x0cmanufacturers\x04names\x07versi\
ons\x04\0\x0aactor-type\x03\0\x06\x01q\x03\x04host\0\0\x08loopback\0\0\x05actor\x01\
\x05\0\x04\0\x04dest\x03\0\x08\x01r\x02\x03keys\x05values\x04\0\x06header\x03\0\x0a\
\x01ks\x01p}\x01r\x02\x04mime\x0c\x05bytes\x0d\x04\0\x04blob\x03\0\x0e\x01r\x02\x06\
issuer\x05\x06paramss\x04\0\x0acapability\x03\0\x10\x01r\x02\x07secondsw\x0bnano\
secondsy\x04\0\x09timestamp\x03\0\x12\x01p\x0b\x01r\x03\x04code{\x07messages\x08\
metadata\x14\x04\0\x07failure\x03\0\x15\x01kw\x01q\x0d\x09timed-out\0\0\x07offli\
ne\0\0\x0bunavailable\x01s\0\x14connection-not-ready\x01\x17\0\x09not-found\x01s\
\0\x11permission-denied\x01s\0\x10invalid-argument\x01s\0\x0dunknown-route\x01s\0\
\x14dependency-not-found\x01s\0\x0edecode-failure\x01s\0\x0fnot-implemented\x01s\
\0\x08internal\x01s\0\x0bapplication\x01\x16\0\x04\0\x0bactor-error\x03\0\x18\x04\
\0\x06module\x03\x01\x04\0\x04conn\x03\x01\x01i\x1a\x01i\x1b\x01q\x02\x06module\x01\
\x1c\0\x04conn\x01\x1d\0\x04\0\x0aattachment\x03\0\x1e\x01kx\x01k\x0f\x01p\x11\x01\
r\x07\x03tag\x20\x05route\x0c\x04body\x0d\x08metadata\x0c\x07headers\x14\x04blob\
!\x0ccapabilities\"\x04\0\x07payload\x03\0#\x01p\x1f\x01r\x0c\x02idw\x06source\x05\
\x10expects-response\x7f\x07durable\x7f\x03tag\x20\x05route\x0c\x04body\x0d\x08m\
etadata\x0c\x07headers\x14\x08has-blob\x7f\x0ccapabilities\"\x0battachments%\x04\
\0\x07message\x03\0&\x01r\x05\x09stream-ids\x08sequencew\x07payload\x0d\x08metad\
ata\x14\x0ctimestamp-ms\x20\x04\0\x0adata-chunk\x03\0(\x01m\x04\x06normal\x07fai\
lure\x06killed\x0ano-process\x04\0\x0bexit-reason\x03\0*\x01r\x04\x05actor\x05\x0b\
incarnationw\x03tag\x20\x06reason+\x04\0\x0bexit-notice\x03\0,\x01m\x04\x04idle\x0a\
connecting\x09connected\x0arecovering\x04\0\x12webrtc-peer-status\x03\0.\x01k\x7f\
\x01k/\x01r\x03\x04peer\x05\x07relayed0\x06status1\x04\0\x0apeer-event\x03\02\x01\
o\x02ww\x01q\x0c\x14signaling-connecting\0\0\x13signaling-connected\0\0\x16signa\
ling-disconnected\0\0\x14websocket-connecting\x013\0\x13websocket-connected\x013\
\0\x16websocket-disconnected\x013\0\x11webrtc-connecting\x013\0\x10webrtc-connec\
ted\x013\0\x13webrtc-disconnected\x013\0\x12credential-renewed\x01\x13\0\x13cred\
ential-expiring\x01\x13\0\x14mailbox-backpressure\x014\0\x04\0\x0druntime-event\x03\
\05\x01m\x05\x0dhandler-panic\x0dhandler-error\x11signaling-failure\x11transport\
-failure\x1ddata-chunk-delivery-uncertain\x04\0\x0eerror-category\x03\07\x01r\x04\
\x06source\x19\x08category8\x07contexts\x02at\x13\x04\0\x0berror-event\x03\09\x01\
h\x1a\x01@\x01\x04self;\0\x1c\x04\0\x18[method]module.duplicate\x01<\x01h\x1b\x01\
j\x01\x0d\x01\x19\x01@\x03\x04self=\x09max-bytesy\x0atimeout-ms\x17\0>\x04\0\x11\
[method]conn.read\x01?\x01j\x01w\x01\x19\x01@\x02\x04self=\x05bytes\x0d\0\xc0\0\x04\
\0\x12[method]conn.write\x01A\x01@\x01\x04self=\0\x0c\x04\0\x11[method]conn.peer\
\x01B\x03\0\x19guestkit:host/types@0.1.0\x05\x01\x02\x03\0\x01\x07address\x02\x03\
\0\x01\x04dest\x02\x03\0\x01\x06header\x02\x03\0\x01\x0acapability\x02\x03\0\x01\
\x07payload\x02\x03\0\x01\x07message\x02\x03\0\x01\x0aattachment\x02\x03\0\x01\x04\
blob\x02\x03\0\x01\x0bactor-error\x02\x03\0\x01\x0bexit-notice\x02\x03\0\x01\x0d\
runtime-event\x02\x03\0\x01\x0adata-chunk\x01BD\x02\x03\x02\x01\x02\x04\0\x07add\
ress\x03\0\0\x02\x03\x02\x01\x03\x04\0\x04dest\x03\0\x02\x02\x03\x02\x01\x04\x04\
\0\x06header\x03\0\x04\x02\x03\x02\x01\x05\x04\0\x0acapability\x03\0\x06\x02\x03\
\x02\x01\x06\x04\0\x07payload\x03\0\x08\x02\x03\x02\x01\x07\x04\0\x07message\x03\
\0\x0a\x02\x03\x02\x01\x08\x04\0\x0aattachment\x03\0\x0c\x02\x03\x02\x01\x09\x04\
\0\x04blob\x03\0\x0e\x02\x03\x02\x01\x0a\x04\0\x0bactor-error\x03\0\x10\x02\x03\x02\
\x01\x0b\x04\0\x0bexit-notice\x03\0\x12\x02\x03\x02\x01\x0c\x04\0\x0druntime-eve\
nt\x03\0\x14\x02\x03\x02\x01\x0d\x04\0\x0adata-chunk\x03\0\x16\x01p}\x01k\x18\x01\
r\x03\x0atimeout-msw\x07context\x19\x07inherit\x7f\x04\0\x0frequest-options\x03\0\
\x1a\x01ks\x01p\x05\x01p\x07\x01p\x0d\x01r\x09\x0arequest-idw\x06source\x01\x04b\
ody\x18\x08metadata\x1c\x07headers\x1d\x08has-blob\x7f\x0ccapabilities\x1e\x0bat\
tachments\x1f\x07context\x19\x04\0\x08response\x03\0\x20\x01r\x05\x0arequest-idw\
\x05error\x11\x06target\x01\x08returned\x09\x07context\x19\x04\0\x0asend-error\x03\
\0\"\x01o\x02\x17\x01\x01q\x08\x07request\x01\x0b\0\x08response\x01!\0\x0bsend-f\
ailed\x01#\0\x09link-died\x01\x13\0\x0cprocess-died\x01\x13\0\x05event\x01\x15\0\
\x05chunk\x01$\0\x0estop-requested\0\0\x04\0\x08incoming\x03\0%\x01px\x01pw\x01r\
\x02\x04tags'\x0brequest-ids(\x04\0\x0ereceive-filter\x03\0)\x01m\x01\x09timed-o\
ut\x04\0\x0dreceive-error\x03\0+\x01kw\x01j\x01&\x01,\x01@\x02\x06filter*\x0atim\
eout-ms-\0.\x04\0\x07receive\x01/\x01j\x01w\x01\x11\x01@\x04\x02to\x03\x03msg\x09\
\x0battachments\x1f\x07inherit\x7f\00\x04\0\x04send\x011\x01@\x04\x02to\x03\x03m\
sg\x09\x0battachments\x1f\x04opts\x1b\00\x04\0\x07request\x012\x01j\x01!\x01#\x01\
@\x04\x02to\x03\x03msg\x09\x0battachments\x1f\x0atimeout-msw\03\x04\0\x04call\x01\
4\x01j\0\x01\x11\x01@\x04\x0ato-message-\x03msg\x09\x0battachments\x1f\x0cinheri\
t-blob\x7f\05\x04\0\x07respond\x016\x01k\x0f\x01@\0\07\x04\0\x08get-blob\x018\x04\
\0\x09last-blob\x018\x01@\x04\x02to\x03\x03msg\x09\x0battachments\x1f\x08delay-m\
sw\00\x04\0\x0asend-after\x019\x01@\x01\x08timer-idw\0\x7f\x04\0\x0ccancel-timer\
\x01:\x03\0\x1dguestkit:host/messaging@0.1.0\x05\x0e\x02\x03\0\x01\x0aprocess-id\
\x02\x03\0\x01\x0aactor-type\x02\x03\0\x01\x06module\x01BC\x02\x03\x02\x01\x02\x04\
\0\x07address\x03\0\0\x02\x03\x02\x01\x0f\x04\0\x0aprocess-id\x03\0\x02\x02\x03\x02\
\x01\x10\x04\0\x0aactor-type\x03\0\x04\x02\x03\x02\x01\x05\x04\0\x0acapability\x03\
\0\x06\x02\x03\x02\x01\x06\x04\0\x07payload\x03\0\x08\x02\x03\x02\x01\x11\x04\0\x06\
module\x03\0\x0a\x02\x03\x02\x01\x0a\x04\0\x0bactor-error\x03\0\x0c\x01o\x02\x01\
\x09\x01p\x0e\x01q\x03\x04none\0\0\x07restart\0\0\x08requests\x01\x0f\0\x04\0\x07\
on-exit\x03\0\x10\x01kw\x01r\x02\x10max-memory-bytes\x12\x08max-fuel\x12\x04\0\x06\
limits\x03\0\x13\x01ks\x01p}\x01p\x07\x01o\x02\x03s\x01p\x18\x01kx\x01k\x05\x01r\
\x0a\x04name\x15\x04args\x16\x07on-exit\x11\x14request-capabilities\x17\x12grant\
-capabilities\x19\x06public\x7f\x04link\x7f\x08link-tag\x1a\x06limits\x14\x0aact\
or-type\x1b\x04\0\x0dspawn-options\x03\0\x1c\x01m\x05\x0aname-taken\x0fno-file-a\
t-path\x11permission-denied\x0dlimit-reached\x0einvalid-module\x04\0\x0bspawn-er\
ror\x03\0\x1e\x01@\0\0\x01\x04\0\x03our\x01\x20\x01@\0\0w\x04\0\x0bincarnation\x01\
!\x01i\x0b\x01j\x01\"\x01\x1f\x01@\x01\x04paths\0#\x04\0\x0bload-module\x01$\x01\
@\x01\x05bytes\x16\0#\x04\0\x0ecompile-module\x01%\x01h\x0b\x01j\x01\x01\x01\x1f\
\x01@\x02\x04code&\x04opts\x1d\0'\x04\0\x05spawn\x01(\x01@\x02\x06target\x01\x03\
tag\x1a\x01\0\x04\0\x04link\x01)\x01@\x01\x06target\x01\x01\0\x04\0\x06unlink\x01\
*\x04\0\x07monitor\x01*\x04\0\x0fstop-monitoring\x01*\x01@\x01\x03die\x7f\x01\0\x04\
\0\x12die-when-link-dies\x01+\x01j\0\x01\x0d\x01@\x01\x06target\x01\0,\x04\0\x04\
kill\x01-\x01@\x01\x06target\x01\0\x7f\x04\0\x06exists\x01.\x01@\0\0\x11\x04\0\x0b\
get-on-exit\x01/\x01@\x01\x06policy\x11\x01\0\x04\0\x0bset-on-exit\x010\x01@\x01\
\x06failed\x7f\x01\0\x04\0\x04exit\x011\x01@\x01\x02msw\x01\0\x04\0\x05sleep\x01\
2\x03\0\x1bguestkit:host/process@0.1.0\x05\x12\x02\x03\0\x03\x0dspawn-options\x02\
\x03\0\x03\x0bspawn-error\x01B\x1b\x02\x03\x02\x01\x02\x04\0\x07address\x03\0\0\x02\
\x03\x02\x01\x10\x04\0\x0aactor-type\x03\0\x02\x02\x03\x02\x01\x0a\x04\0\x0bacto\
r-error\x03\0\x04\x02\x03\x02\x01\x11\x04\0\x06module\x03\0\x06\x02\x03\x02\x01\x13\
\x04\0\x0dspawn-options\x03\0\x08\x02\x03\x02\x01\x14\x04\0\x0bspawn-error\x03\0\
\x0a\x01j\0\x01\x05\x01@\x02\x04names\x06target\x01\0\x0c\x04\0\x08register\x01\x0d\
\x01k\x01\x01@\x01\x04names\0\x0e\x04\0\x06lookup\x01\x0f\x01@\x01\x04names\x01\0\
\x04\0\x0aunregister\x01\x10\x01h\x07\x01j\x01\x01\x01\x0b\x01@\x03\x04names\x04\
code\x11\x04opts\x09\0\x12\x04\0\x0cget-or-spawn\x01\x13\x01j\x01\x01\x01\x05\x01\
@\x01\x0btarget-type\x03\0\x14\x04\0\x08discover\x01\x15\x03\0\x1dguestkit:host/\
discovery@0.1.0\x05\x15\x01B\x0d\x01p}\x01k\0\x01@\x01\x03keys\0\x01\x04\0\x03ge\
t\x01\x02\x01@\x02\x03keys\x05value\0\x01\0\x04\0\x03set\x01\x03\x01@\x01\x03key\
s\x01\0\x04\0\x05clear\x01\x04\x01@\0\x01\0\x04\0\x09clear-all\x01\x05\x01ps\x01\
@\0\0\x06\x04\0\x04keys\x01\x07\x03\0\x19guestkit:host/state@0.1.0\x05\x16\x01B\x10\
\x02\x03\x02\x01\x05\x04\0\x0acapability\x03\0\0\x02\x03\x02\x01\x0a\x04\0\x0bac\
tor-error\x03\0\x02\x01p\x01\x01@\0\0\x04\x04\0\x05owned\x01\x05\x01@\x01\x03cap\
\x01\0\x7f\x04\0\x03has\x01\x06\x01j\0\x01\x03\x01@\x01\x04caps\x04\0\x07\x04\0\x04\
save\x01\x08\x01@\x01\x04caps\x04\x01\0\x04\0\x06remove\x01\x09\x01@\x01\x06para\
mss\0\x01\x04\0\x04mint\x01\x0a\x03\0\x20guestkit:host/capabilities@0.1.0\x05\x17\
\x02\x03\0\x01\x07failure\x01B\\\x02\x03\x02\x01\x02\x04\0\x07address\x03\0\0\x02\
\x03\x02\x01\x04\x04\0\x06header\x03\0\x02\x02\x03\x02\x01\x18\x04\0\x07failure\x03\
\0\x04\x01y\x04\0\x06handle\x03\0\x06\x01ks\x01p\x03\x01p}\x01r\x09\x0dinvocatio\
n-ids\x03key\x08\x0brandom-seedw\x07headers\x09\x05input\x0a\x0fidempotency-key\x08\
\x05scope\x08\x09limit-key\x08\x0bretry-county\x04\0\x10invocation-input\x03\0\x0b\
\x01r\x07\x05actor\x01\x07handlers\x03key\x08\x0fidempotency-key\x08\x05scope\x08\
\x09limit-key\x08\x07headers\x09\x04\0\x0bcall-target\x03\0\x0d\x01r\x02\x0dinvo\
cation-id\x07\x0acompletion\x07\x04\0\x0ccall-handles\x03\0\x0f\x01ps\x01q\x05\x04\
void\0\0\x07success\x01\x0a\0\x07failure\x01\x05\0\x0astate-keys\x01\x11\0\x0din\
vocation-id\x01s\0\x04\0\x05value\x03\0\x12\x01r\x03\x04names\x03keys\x05scope\x08\
\x04\0\x0cworkflow-ref\x03\0\x14\x01r\x05\x07services\x0bservice-key\x08\x07hand\
lers\x0fidempotency-keys\x05scope\x08\x04\0\x0fidempotency-ref\x03\0\x16\x01q\x03\
\x0dinvocation-id\x01s\0\x08workflow\x01\x15\0\x0bidempotency\x01\x17\0\x04\0\x0e\
invocation-ref\x03\0\x18\x01m\x02\x10fail-as-terminal\x05pause\x04\0\x0fon-max-a\
ttempts\x03\0\x1a\x01kw\x01ky\x01r\x04\x0binterval-ms\x1c\x0cmax-attempts\x1d\x0f\
max-duration-ms\x1c\x0fon-max-attempts\x1b\x04\0\x0bfixed-delay\x03\0\x1e\x01r\x06\
\x13initial-interval-msw\x06factorv\x0fmax-interval-ms\x1c\x0cmax-attempts\x1d\x0f\
max-duration-ms\x1c\x0fon-max-attempts\x1b\x04\0\x0bexponential\x03\0\x20\x01q\x04\
\x08infinite\0\0\x04none\0\0\x0bfixed-delay\x01\x1f\0\x0bexponential\x01!\0\x04\0\
\x0cretry-policy\x03\0\"\x01q\x02\x08replayed\x01\x07\0\x07execute\x01\x07\0\x04\
\0\x09run-start\x03\0$\x01q\x03\x07success\x01\x0a\0\x08terminal\x01\x05\0\x09re\
tryable\x01s\0\x04\0\x0brun-outcome\x03\0&\x01m\x05\x0ffirst-completed\x0dall-co\
mpleted\x1dfirst-succeeded-or-all-failed\x1dall-succeeded-or-first-failed\x07unk\
nown\x04\0\x0acombinator\x03\0(\x01p\x07\x01py\x01r\x03\x0acombinator)\x07handle\
s*\x08children+\x04\0\x0aawait-node\x03\0,\x01m\x02\x0dany-completed\x09cancelle\
d\x04\0\x0cwait-outcome\x03\0.\x01@\0\0\x0c\x04\0\x05input\x010\x01@\0\0\x7f\x04\
\0\x0cis-replaying\x011\x01@\x02\x04names\x0bduration-msw\0\x07\x04\0\x05sleep\x01\
2\x01@\x03\x06target\x0e\x05input\x0a\x04name\x08\0\x10\x04\0\x04call\x013\x01@\x04\
\x06target\x0e\x05input\x0a\x08delay-ms\x1c\x04name\x08\0\x07\x04\0\x04send\x014\
\x01o\x02s\x07\x01@\0\05\x04\0\x09awakeable\x016\x01j\x01\x0a\x01\x05\x01@\x02\x02\
ids\x05value7\x01\0\x04\0\x12complete-awakeable\x018\x01@\x01\x04names\0\x07\x04\
\0\x06signal\x019\x01@\x03\x0dinvocation-ids\x04names\x05value7\x01\0\x04\0\x0fc\
omplete-signal\x01:\x01@\x01\x03keys\0\x07\x04\0\x0bpromise-get\x01;\x04\0\x0cpr\
omise-peek\x01;\x01@\x02\x03keys\x05value7\0\x07\x04\0\x10promise-complete\x01<\x01\
@\x01\x04names\0%\x04\0\x09run-begin\x01=\x01@\x03\x03run\x07\x07outcome'\x05ret\
ry#\x01\0\x04\0\x07run-end\x01>\x01@\x01\x0dinvocation-ids\x01\0\x04\0\x11cancel\
-invocation\x01?\x01@\x01\x06target\x19\0\x07\x04\0\x11attach-invocation\x01@\x04\
\0\x15get-invocation-output\x01@\x01p-\x01@\x01\x04tree\xc1\0\0/\x04\0\x04wait\x01\
B\x01@\x01\x01h\x07\0\x7f\x04\0\x0cis-completed\x01C\x01k\x13\x01@\x01\x01h\x07\0\
\xc4\0\x04\0\x04take\x01E\x01@\x01\x07enabled\x7f\x01\0\x04\0\x12set-payload-che\
cks\x01F\x03\0\x1bguestkit:host/durable@0.1.0\x05\x19\x01B\x0e\x02\x03\x02\x01\x03\
\x04\0\x04dest\x03\0\0\x02\x03\x02\x01\x0d\x04\0\x0adata-chunk\x03\0\x02\x02\x03\
\x02\x01\x0a\x04\0\x0bactor-error\x03\0\x04\x01m\x05\x0crpc-reliable\x0arpc-sign\
al\x0fstream-reliable\x14stream-latency-first\x09media-rtp\x04\0\x04lane\x03\0\x06\
\x01j\0\x01\x05\x01@\x01\x09stream-ids\0\x08\x04\0\x08register\x01\x09\x04\0\x0a\
unregister\x01\x09\x01@\x03\x02to\x01\x05chunk\x03\x04lane\x07\0\x08\x04\0\x0ase\
nd-chunk\x01\x0a\x03\0\x1bguestkit:host/streams@0.1.0\x05\x1a\x01B\x04\x01p}\x01\
j\x01\0\x01s\x01@\x04\x07bindings\x09namespaces\x09operations\x07payload\0\0\x01\
\x04\0\x04call\x01\x02\x03\0\x1dguestkit:host/host-call@0.1.0\x05\x1b\x02\x03\0\x01\
\x09timestamp\x01B\x06\x02\x03\x02\x01\x1c\x04\0\x09timestamp\x03\0\0\x01@\0\0\x01\
\x04\0\x03now\x01\x02\x01@\0\0w\x04\0\x0cmonotonic-ns\x01\x03\x03\0\x19guestkit:\
host/clock@0.1.0\x05\x1d\x01B\x05\x01p}\x01@\x01\x03leny\0\0\x04\0\x09get-bytes\x01\
\x01\x01@\0\0w\x04\0\x08next-u64\x01\x02\x03\0\x1aguestkit:host/random@0.1.0\x05\
\x1e\x01@\0\0s\x04\0\x04ping\x01\x1f\x01B\x0a\x02\x03\x02\x01\x02\x04\0\x07addre\
ss\x03\0\0\x02\x03\x02\x01\x0a\x04\0\x0bactor-error\x03\0\x02\x01j\x01\x01\x01\x03\
\x01@\x01\x04names\0\x04\x04\0\x06lookup\x01\x05\x01j\0\x01\x03\x01@\x02\x04name\
s\x02at\x01\0\x06\x04\0\x08register\x01\x07\x04\0\x20corpus:functions/directory@\
0.1.0\x05\x20\x04\0&corpus:functions/directory-actor@0.1.0\x04\0\x0b\x15\x01\0\x0f\
directory-actor\x03\0\0\0G\x09producers\x01\x0cprocessed-by\x02\x0dwit-component\
\x070.254.2\x10wit-bindgen-rust\x060.60.0";
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
