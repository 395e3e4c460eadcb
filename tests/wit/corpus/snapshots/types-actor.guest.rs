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
#[allow(dead_code, clippy::all)]
pub mod exports {
    pub mod corpus {
        pub mod types {
            #[allow(dead_code, async_fn_in_trait, unused_imports, clippy::all)]
            pub mod shapes {
                #[used]
                #[doc(hidden)]
                static __FORCE_SECTION_REF: fn() = super::super::super::super::__link_custom_section_describing_imports;
                use super::super::super::super::_rt;
                #[repr(C)]
                #[derive(Clone, Copy)]
                pub struct Point {
                    pub x: i32,
                    pub y: i32,
                }
                impl ::core::fmt::Debug for Point {
                    fn fmt(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        f.debug_struct("Point")
                            .field("x", &self.x)
                            .field("y", &self.y)
                            .finish()
                    }
                }
                #[derive(Clone)]
                pub struct Sample {
                    pub small: u8,
                    pub medium: u16,
                    pub large: u32,
                    pub huge: u64,
                    pub signed_small: i8,
                    pub signed_medium: i16,
                    pub signed_large: i32,
                    pub signed_huge: i64,
                    pub ratio: f32,
                    pub precise: f64,
                    pub flag: bool,
                    pub letter: char,
                    pub text: _rt::String,
                }
                impl ::core::fmt::Debug for Sample {
                    fn fmt(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        f.debug_struct("Sample")
                            .field("small", &self.small)
                            .field("medium", &self.medium)
                            .field("large", &self.large)
                            .field("huge", &self.huge)
                            .field("signed-small", &self.signed_small)
                            .field("signed-medium", &self.signed_medium)
                            .field("signed-large", &self.signed_large)
                            .field("signed-huge", &self.signed_huge)
                            .field("ratio", &self.ratio)
                            .field("precise", &self.precise)
                            .field("flag", &self.flag)
                            .field("letter", &self.letter)
                            .field("text", &self.text)
                            .finish()
                    }
                }
                #[derive(Clone)]
                pub enum Shape {
                    Circle(f64),
                    Rect((Point, Point)),
                    Polygon(_rt::Vec<Point>),
                    Empty,
                }
                impl ::core::fmt::Debug for Shape {
                    fn fmt(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        match self {
                            Shape::Circle(e) => {
                                f.debug_tuple("Shape::Circle").field(e).finish()
                            }
                            Shape::Rect(e) => {
                                f.debug_tuple("Shape::Rect").field(e).finish()
                            }
                            Shape::Polygon(e) => {
                                f.debug_tuple("Shape::Polygon").field(e).finish()
                            }
                            Shape::Empty => f.debug_tuple("Shape::Empty").finish(),
                        }
                    }
                }
                #[repr(u8)]
                #[derive(Clone, Copy, Eq, Ord, PartialEq, PartialOrd)]
                pub enum Color {
                    Red,
                    Green,
                    Blue,
                }
                impl Color {
                    pub fn name(&self) -> &'static str {
                        match self {
                            Color::Red => "red",
                            Color::Green => "green",
                            Color::Blue => "blue",
                        }
                    }
                    pub fn message(&self) -> &'static str {
                        match self {
                            Color::Red => "",
                            Color::Green => "",
                            Color::Blue => "",
                        }
                    }
                }
                impl ::core::fmt::Debug for Color {
                    fn fmt(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        f.debug_struct("Color")
                            .field("code", &(*self as i32))
                            .field("name", &self.name())
                            .field("message", &self.message())
                            .finish()
                    }
                }
                impl ::core::fmt::Display for Color {
                    fn fmt(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        write!(f, "{} (error {})", self.name(), * self as i32)
                    }
                }
                impl ::core::error::Error for Color {}
                impl Color {
                    #[doc(hidden)]
                    pub unsafe fn _lift(val: u8) -> Color {
                        if !cfg!(debug_assertions) {
                            return unsafe { ::core::mem::transmute(val) };
                        }
                        match val {
                            0 => Color::Red,
                            1 => Color::Green,
                            2 => Color::Blue,
                            _ => panic!("invalid enum discriminant"),
                        }
                    }
                }
                ::guestkit::__private::wit_bindgen::rt::bitflags::bitflags! {
                    #[derive(PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Clone, Copy)]
                    pub struct Permissions : u8 { const READ = 1 << 0; const WRITE = 1 <<
                    1; const EXECUTE = 1 << 2; }
                }
                pub type Pair = (u8, _rt::String);
                pub type MaybePoints = Option<_rt::Vec<Point>>;
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_area_cabi<T_: Guest>(
                    arg0: i32,
                    arg1: ::core::mem::MaybeUninit<u64>,
                    arg2: usize,
                    arg3: i32,
                    arg4: i32,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result2 = {
                            let v1 = match arg0 {
                                0 => {
                                    let e1 = f64::from_bits(arg1.assume_init() as i64 as u64);
                                    Shape::Circle(e1)
                                }
                                1 => {
                                    let e1 = (
                                        Point {
                                            x: arg1.assume_init() as i64 as i32,
                                            y: arg2 as i32,
                                        },
                                        Point { x: arg3, y: arg4 },
                                    );
                                    Shape::Rect(e1)
                                }
                                2 => {
                                    let e1 = {
                                        let len0 = arg2;
                                        <_ as From<
                                            _rt::Vec<_>,
                                        >>::from(
                                            _rt::Vec::from_raw_parts(
                                                arg1.as_ptr().cast::<*mut u8>().read().cast(),
                                                len0,
                                                len0,
                                            ),
                                        )
                                    };
                                    Shape::Polygon(e1)
                                }
                                n => {
                                    debug_assert_eq!(n, 3, "invalid enum discriminant");
                                    Shape::Empty
                                }
                            };
                            T_::area(v1)
                        };
                        let ptr3 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result2 {
                            Ok(e) => {
                                *ptr3.add(0).cast::<u8>() = (0i32) as u8;
                                *ptr3.add(8).cast::<f64>() = _rt::as_f64(e);
                            }
                            Err(e) => {
                                *ptr3.add(0).cast::<u8>() = (1i32) as u8;
                                let vec4 = (e.into_bytes()).into_boxed_slice();
                                let ptr4 = vec4.as_ptr().cast::<u8>();
                                let len4 = vec4.len();
                                ::core::mem::forget(vec4);
                                *ptr3
                                    .add(8 + 1 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len4;
                                *ptr3.add(8).cast::<*mut u8>() = ptr4.cast_mut();
                            }
                        };
                        ptr3
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_area<T_: Guest>(arg0: *mut u8) {
                    unsafe {
                        let l0 = i32::from(*arg0.add(0).cast::<u8>());
                        match l0 {
                            0 => {}
                            _ => {
                                let l1 = *arg0.add(8).cast::<*mut u8>();
                                let l2 = *arg0
                                    .add(8 + 1 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>();
                                _rt::cabi_dealloc(l1, l2, 1);
                            }
                        }
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_paint_cabi<T_: Guest>(
                    arg0: i32,
                    arg1: ::core::mem::MaybeUninit<u64>,
                    arg2: usize,
                    arg3: i32,
                    arg4: i32,
                    arg5: i32,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result2 = {
                            let v1 = match arg0 {
                                0 => {
                                    let e1 = f64::from_bits(arg1.assume_init() as i64 as u64);
                                    Shape::Circle(e1)
                                }
                                1 => {
                                    let e1 = (
                                        Point {
                                            x: arg1.assume_init() as i64 as i32,
                                            y: arg2 as i32,
                                        },
                                        Point { x: arg3, y: arg4 },
                                    );
                                    Shape::Rect(e1)
                                }
                                2 => {
                                    let e1 = {
                                        let len0 = arg2;
                                        <_ as From<
                                            _rt::Vec<_>,
                                        >>::from(
                                            _rt::Vec::from_raw_parts(
                                                arg1.as_ptr().cast::<*mut u8>().read().cast(),
                                                len0,
                                                len0,
                                            ),
                                        )
                                    };
                                    Shape::Polygon(e1)
                                }
                                n => {
                                    debug_assert_eq!(n, 3, "invalid enum discriminant");
                                    Shape::Empty
                                }
                            };
                            T_::paint(v1, Color::_lift(arg5 as u8))
                        };
                        let ptr3 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result2 {
                            Ok(_) => {
                                *ptr3.add(0).cast::<u8>() = (0i32) as u8;
                            }
                            Err(e) => {
                                *ptr3.add(0).cast::<u8>() = (1i32) as u8;
                                *ptr3.add(1).cast::<u8>() = (e.clone() as i32) as u8;
                            }
                        };
                        ptr3
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_check_cabi<T_: Guest>(arg0: i32) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result0 = {
                            T_::check(
                                Permissions::empty()
                                    | Permissions::from_bits_retain(((arg0 as u8) << 0) as _),
                            )
                        };
                        let ptr1 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result0 {
                            Ok(e) => {
                                *ptr1.add(0).cast::<u8>() = (0i32) as u8;
                                let flags2 = e;
                                *ptr1.add(1).cast::<u8>() = ((flags2.bits() >> 0) as i32)
                                    as u8;
                            }
                            Err(_) => {
                                *ptr1.add(0).cast::<u8>() = (1i32) as u8;
                            }
                        };
                        ptr1
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_echo_cabi<T_: Guest>(
                    arg0: i32,
                    arg1: i32,
                    arg2: i32,
                    arg3: i64,
                    arg4: i32,
                    arg5: i32,
                    arg6: i32,
                    arg7: i64,
                    arg8: f32,
                    arg9: f64,
                    arg10: i32,
                    arg11: i32,
                    arg12: *mut u8,
                    arg13: usize,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result1 = {
                            let len0 = arg13;
                            let bytes0 = _rt::Vec::from_raw_parts(
                                arg12.cast(),
                                len0,
                                len0,
                            );
                            T_::echo(Sample {
                                small: arg0 as u8,
                                medium: arg1 as u16,
                                large: arg2 as u32,
                                huge: arg3 as u64,
                                signed_small: arg4 as i8,
                                signed_medium: arg5 as i16,
                                signed_large: arg6,
                                signed_huge: arg7,
                                ratio: arg8,
                                precise: arg9,
                                flag: _rt::bool_lift(arg10 as u8),
                                letter: _rt::char_lift(arg11 as u32),
                                text: _rt::string_lift(bytes0),
                            })
                        };
                        let ptr2 = (&raw mut _RET_AREA.0).cast::<u8>();
                        let Sample {
                            small: small3,
                            medium: medium3,
                            large: large3,
                            huge: huge3,
                            signed_small: signed_small3,
                            signed_medium: signed_medium3,
                            signed_large: signed_large3,
                            signed_huge: signed_huge3,
                            ratio: ratio3,
                            precise: precise3,
                            flag: flag3,
                            letter: letter3,
                            text: text3,
                        } = result1;
                        *ptr2.add(0).cast::<u8>() = (_rt::as_i32(small3)) as u8;
                        *ptr2.add(2).cast::<u16>() = (_rt::as_i32(medium3)) as u16;
                        *ptr2.add(4).cast::<i32>() = _rt::as_i32(large3);
                        *ptr2.add(8).cast::<i64>() = _rt::as_i64(huge3);
                        *ptr2.add(16).cast::<u8>() = (_rt::as_i32(signed_small3)) as u8;
                        *ptr2.add(18).cast::<u16>() = (_rt::as_i32(signed_medium3))
                            as u16;
                        *ptr2.add(20).cast::<i32>() = _rt::as_i32(signed_large3);
                        *ptr2.add(24).cast::<i64>() = _rt::as_i64(signed_huge3);
                        *ptr2.add(32).cast::<f32>() = _rt::as_f32(ratio3);
                        *ptr2.add(40).cast::<f64>() = _rt::as_f64(precise3);
                        *ptr2.add(48).cast::<u8>() = (match flag3 {
                            true => 1,
                            false => 0,
                        }) as u8;
                        *ptr2.add(52).cast::<i32>() = _rt::as_i32(letter3);
                        let vec4 = (text3.into_bytes()).into_boxed_slice();
                        let ptr4 = vec4.as_ptr().cast::<u8>();
                        let len4 = vec4.len();
                        ::core::mem::forget(vec4);
                        *ptr2
                            .add(56 + 1 * ::core::mem::size_of::<*const u8>())
                            .cast::<usize>() = len4;
                        *ptr2.add(56).cast::<*mut u8>() = ptr4.cast_mut();
                        ptr2
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_echo<T_: Guest>(arg0: *mut u8) {
                    unsafe {
                        let l0 = *arg0.add(56).cast::<*mut u8>();
                        let l1 = *arg0
                            .add(56 + 1 * ::core::mem::size_of::<*const u8>())
                            .cast::<usize>();
                        _rt::cabi_dealloc(l0, l1, 1);
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_pairs_cabi<T_: Guest>(
                    arg0: *mut u8,
                    arg1: usize,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result5 = {
                            let base4 = arg0;
                            let len4 = arg1;
                            let mut result4 = _rt::Vec::with_capacity(len4);
                            for i in 0..len4 {
                                let base = base4
                                    .add(i * (3 * ::core::mem::size_of::<*const u8>()));
                                let e4 = {
                                    let l0 = i32::from(*base.add(0).cast::<u8>());
                                    let l1 = *base
                                        .add(::core::mem::size_of::<*const u8>())
                                        .cast::<*mut u8>();
                                    let l2 = *base
                                        .add(2 * ::core::mem::size_of::<*const u8>())
                                        .cast::<usize>();
                                    let len3 = l2;
                                    let bytes3 = _rt::Vec::from_raw_parts(
                                        l1.cast(),
                                        len3,
                                        len3,
                                    );
                                    (l0 as u8, _rt::string_lift(bytes3))
                                };
                                result4.push(e4);
                            }
                            _rt::cabi_dealloc(
                                base4,
                                len4 * (3 * ::core::mem::size_of::<*const u8>()),
                                ::core::mem::size_of::<*const u8>(),
                            );
                            T_::pairs(result4)
                        };
                        let ptr6 = (&raw mut _RET_AREA.0).cast::<u8>();
                        let (t7_0, t7_1) = result5;
                        *ptr6.add(0).cast::<i32>() = _rt::as_i32(t7_0);
                        let vec9 = t7_1;
                        let len9 = vec9.len();
                        let layout9 = _rt::alloc::Layout::from_size_align(
                                vec9.len() * (2 * ::core::mem::size_of::<*const u8>()),
                                ::core::mem::size_of::<*const u8>(),
                            )
                            .unwrap();
                        let (result9, _cleanup9) = ::guestkit::__private::wit_bindgen::rt::Cleanup::new(
                            layout9,
                        );
                        if let Some(cleanup) = _cleanup9 {
                            cleanup.forget();
                        }
                        for (i, e) in vec9.into_iter().enumerate() {
                            let base = result9
                                .add(i * (2 * ::core::mem::size_of::<*const u8>()));
                            {
                                let vec8 = (e.into_bytes()).into_boxed_slice();
                                let ptr8 = vec8.as_ptr().cast::<u8>();
                                let len8 = vec8.len();
                                ::core::mem::forget(vec8);
                                *base
                                    .add(::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len8;
                                *base.add(0).cast::<*mut u8>() = ptr8.cast_mut();
                            }
                        }
                        *ptr6
                            .add(2 * ::core::mem::size_of::<*const u8>())
                            .cast::<usize>() = len9;
                        *ptr6
                            .add(::core::mem::size_of::<*const u8>())
                            .cast::<*mut u8>() = result9;
                        ptr6
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_pairs<T_: Guest>(arg0: *mut u8) {
                    unsafe {
                        let l0 = *arg0
                            .add(::core::mem::size_of::<*const u8>())
                            .cast::<*mut u8>();
                        let l1 = *arg0
                            .add(2 * ::core::mem::size_of::<*const u8>())
                            .cast::<usize>();
                        let base4 = l0;
                        let len4 = l1;
                        for i in 0..len4 {
                            let base = base4
                                .add(i * (2 * ::core::mem::size_of::<*const u8>()));
                            {
                                let l2 = *base.add(0).cast::<*mut u8>();
                                let l3 = *base
                                    .add(::core::mem::size_of::<*const u8>())
                                    .cast::<usize>();
                                _rt::cabi_dealloc(l2, l3, 1);
                            }
                        }
                        _rt::cabi_dealloc(
                            base4,
                            len4 * (2 * ::core::mem::size_of::<*const u8>()),
                            ::core::mem::size_of::<*const u8>(),
                        );
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_nested_cabi<T_: Guest>(
                    arg0: i32,
                    arg1: i32,
                    arg2: i32,
                    arg3: *mut u8,
                    arg4: usize,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result4 = {
                            T_::nested(
                                match arg0 {
                                    0 => None,
                                    1 => {
                                        let e = match arg1 {
                                            0 => None,
                                            1 => {
                                                let e = match arg2 {
                                                    0 => {
                                                        let e = {
                                                            let base2 = arg3;
                                                            let len2 = arg4;
                                                            let mut result2 = _rt::Vec::with_capacity(len2);
                                                            for i in 0..len2 {
                                                                let base = base2.add(i * 16);
                                                                let e2 = {
                                                                    let l0 = i32::from(*base.add(0).cast::<u8>());
                                                                    let l1 = *base.add(8).cast::<i64>();
                                                                    (l0 as u8, l1)
                                                                };
                                                                result2.push(e2);
                                                            }
                                                            _rt::cabi_dealloc(base2, len2 * 16, 8);
                                                            result2
                                                        };
                                                        Ok(e)
                                                    }
                                                    1 => {
                                                        let e = {
                                                            let len3 = arg4;
                                                            let bytes3 = _rt::Vec::from_raw_parts(
                                                                arg3.cast(),
                                                                len3,
                                                                len3,
                                                            );
                                                            _rt::string_lift(bytes3)
                                                        };
                                                        Err(e)
                                                    }
                                                    _ => _rt::invalid_enum_discriminant(),
                                                };
                                                Some(e)
                                            }
                                            _ => _rt::invalid_enum_discriminant(),
                                        };
                                        Some(e)
                                    }
                                    _ => _rt::invalid_enum_discriminant(),
                                },
                            )
                        };
                        let ptr5 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result4 {
                            Some(e) => {
                                *ptr5.add(0).cast::<u8>() = (1i32) as u8;
                                let vec6 = <_ as Into<_rt::Vec<_>>>::into(e)
                                    .into_boxed_slice();
                                let ptr6 = vec6.as_ptr().cast::<u8>();
                                let len6 = vec6.len();
                                ::core::mem::forget(vec6);
                                *ptr5
                                    .add(2 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len6;
                                *ptr5
                                    .add(::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>() = ptr6.cast_mut();
                            }
                            None => {
                                *ptr5.add(0).cast::<u8>() = (0i32) as u8;
                            }
                        };
                        ptr5
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_nested<T_: Guest>(arg0: *mut u8) {
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
                                let base3 = l1;
                                let len3 = l2;
                                _rt::cabi_dealloc(base3, len3 * 8, 4);
                            }
                        }
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_bytes_cabi<T_: Guest>(
                    arg0: *mut u8,
                    arg1: usize,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result1 = {
                            let len0 = arg1;
                            T_::bytes(
                                <_ as From<
                                    _rt::Vec<_>,
                                >>::from(_rt::Vec::from_raw_parts(arg0.cast(), len0, len0)),
                            )
                        };
                        let ptr2 = (&raw mut _RET_AREA.0).cast::<u8>();
                        let vec3 = <_ as Into<_rt::Vec<_>>>::into(result1)
                            .into_boxed_slice();
                        let ptr3 = vec3.as_ptr().cast::<u8>();
                        let len3 = vec3.len();
                        ::core::mem::forget(vec3);
                        *ptr2.add(::core::mem::size_of::<*const u8>()).cast::<usize>() = len3;
                        *ptr2.add(0).cast::<*mut u8>() = ptr3.cast_mut();
                        ptr2
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_bytes<T_: Guest>(arg0: *mut u8) {
                    unsafe {
                        let l0 = *arg0.add(0).cast::<*mut u8>();
                        let l1 = *arg0
                            .add(::core::mem::size_of::<*const u8>())
                            .cast::<usize>();
                        let base2 = l0;
                        let len2 = l1;
                        _rt::cabi_dealloc(base2, len2 * 1, 1);
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_nothing_cabi<T_: Guest>() {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        { T_::nothing() };
                    }
                }
                pub trait Guest {
                    #[allow(async_fn_in_trait)]
                    fn area(s: Shape) -> Result<f64, _rt::String>;
                    #[allow(async_fn_in_trait)]
                    fn paint(s: Shape, c: Color) -> Result<(), Color>;
                    #[allow(async_fn_in_trait)]
                    fn check(p: Permissions) -> Result<Permissions, ()>;
                    #[allow(async_fn_in_trait)]
                    fn echo(s: Sample) -> Sample;
                    #[allow(async_fn_in_trait)]
                    fn pairs(items: _rt::Vec<Pair>) -> (u32, _rt::Vec<_rt::String>);
                    #[allow(async_fn_in_trait)]
                    fn nested(
                        x: Option<Option<Result<_rt::Vec<(u8, i64)>, _rt::String>>>,
                    ) -> MaybePoints;
                    #[allow(async_fn_in_trait)]
                    fn bytes(b: _rt::Vec<u8>) -> _rt::Vec<u8>;
                    #[allow(async_fn_in_trait)]
                    fn nothing() -> ();
                }
                #[doc(hidden)]
                macro_rules! __export_corpus_types_shapes_0_1_0_cabi {
                    ($ty:ident with_types_in $($path_to_types:tt)*) => {
                        const _ : () = { #[unsafe (export_name =
                        "corpus:types/shapes@0.1.0#area")] unsafe extern "C" fn
                        export_area(arg0 : i32, arg1 : ::core::mem::MaybeUninit::< u64 >,
                        arg2 : usize, arg3 : i32, arg4 : i32,) -> * mut u8 { unsafe {
                        $($path_to_types)*:: _export_area_cabi::<$ty > (arg0, arg1, arg2,
                        arg3, arg4) } } #[unsafe (export_name =
                        "cabi_post_corpus:types/shapes@0.1.0#area")] unsafe extern "C" fn
                        _post_return_area(arg0 : * mut u8,) { unsafe {
                        $($path_to_types)*:: __post_return_area::<$ty > (arg0) } }
                        #[unsafe (export_name = "corpus:types/shapes@0.1.0#paint")]
                        unsafe extern "C" fn export_paint(arg0 : i32, arg1 :
                        ::core::mem::MaybeUninit::< u64 >, arg2 : usize, arg3 : i32, arg4
                        : i32, arg5 : i32,) -> * mut u8 { unsafe { $($path_to_types)*::
                        _export_paint_cabi::<$ty > (arg0, arg1, arg2, arg3, arg4, arg5) }
                        } #[unsafe (export_name = "corpus:types/shapes@0.1.0#check")]
                        unsafe extern "C" fn export_check(arg0 : i32,) -> * mut u8 {
                        unsafe { $($path_to_types)*:: _export_check_cabi::<$ty > (arg0) }
                        } #[unsafe (export_name = "corpus:types/shapes@0.1.0#echo")]
                        unsafe extern "C" fn export_echo(arg0 : i32, arg1 : i32, arg2 :
                        i32, arg3 : i64, arg4 : i32, arg5 : i32, arg6 : i32, arg7 : i64,
                        arg8 : f32, arg9 : f64, arg10 : i32, arg11 : i32, arg12 : * mut
                        u8, arg13 : usize,) -> * mut u8 { unsafe { $($path_to_types)*::
                        _export_echo_cabi::<$ty > (arg0, arg1, arg2, arg3, arg4, arg5,
                        arg6, arg7, arg8, arg9, arg10, arg11, arg12, arg13) } } #[unsafe
                        (export_name = "cabi_post_corpus:types/shapes@0.1.0#echo")]
                        unsafe extern "C" fn _post_return_echo(arg0 : * mut u8,) { unsafe
                        { $($path_to_types)*:: __post_return_echo::<$ty > (arg0) } }
                        #[unsafe (export_name = "corpus:types/shapes@0.1.0#pairs")]
                        unsafe extern "C" fn export_pairs(arg0 : * mut u8, arg1 : usize,)
                        -> * mut u8 { unsafe { $($path_to_types)*::
                        _export_pairs_cabi::<$ty > (arg0, arg1) } } #[unsafe (export_name
                        = "cabi_post_corpus:types/shapes@0.1.0#pairs")] unsafe extern "C"
                        fn _post_return_pairs(arg0 : * mut u8,) { unsafe {
                        $($path_to_types)*:: __post_return_pairs::<$ty > (arg0) } }
                        #[unsafe (export_name = "corpus:types/shapes@0.1.0#nested")]
                        unsafe extern "C" fn export_nested(arg0 : i32, arg1 : i32, arg2 :
                        i32, arg3 : * mut u8, arg4 : usize,) -> * mut u8 { unsafe {
                        $($path_to_types)*:: _export_nested_cabi::<$ty > (arg0, arg1,
                        arg2, arg3, arg4) } } #[unsafe (export_name =
                        "cabi_post_corpus:types/shapes@0.1.0#nested")] unsafe extern "C"
                        fn _post_return_nested(arg0 : * mut u8,) { unsafe {
                        $($path_to_types)*:: __post_return_nested::<$ty > (arg0) } }
                        #[unsafe (export_name = "corpus:types/shapes@0.1.0#bytes")]
                        unsafe extern "C" fn export_bytes(arg0 : * mut u8, arg1 : usize,)
                        -> * mut u8 { unsafe { $($path_to_types)*::
                        _export_bytes_cabi::<$ty > (arg0, arg1) } } #[unsafe (export_name
                        = "cabi_post_corpus:types/shapes@0.1.0#bytes")] unsafe extern "C"
                        fn _post_return_bytes(arg0 : * mut u8,) { unsafe {
                        $($path_to_types)*:: __post_return_bytes::<$ty > (arg0) } }
                        #[unsafe (export_name = "corpus:types/shapes@0.1.0#nothing")]
                        unsafe extern "C" fn export_nothing() { unsafe {
                        $($path_to_types)*:: _export_nothing_cabi::<$ty > () } } };
                    };
                }
                #[doc(hidden)]
                pub(crate) use __export_corpus_types_shapes_0_1_0_cabi;
                #[repr(align(8))]
                struct _RetArea(
                    [::core::mem::MaybeUninit<
                        u8,
                    >; 56 + 2 * ::core::mem::size_of::<*const u8>()],
                );
                static mut _RET_AREA: _RetArea = _RetArea(
                    [::core::mem::MaybeUninit::uninit(); 56
                        + 2 * ::core::mem::size_of::<*const u8>()],
                );
            }
        }
    }
}
mod _rt {
    #![allow(dead_code, unused_imports, clippy::all)]
    pub use alloc_crate::string::String;
    pub use alloc_crate::vec::Vec;
    #[cfg(target_arch = "wasm32")]
    pub fn run_ctors_once() {
        ::guestkit::__private::wit_bindgen::rt::run_ctors_once();
    }
    pub fn as_f64<T: AsF64>(t: T) -> f64 {
        t.as_f64()
    }
    pub trait AsF64 {
        fn as_f64(self) -> f64;
    }
    impl<'a, T: Copy + AsF64> AsF64 for &'a T {
        fn as_f64(self) -> f64 {
            (*self).as_f64()
        }
    }
    impl AsF64 for f64 {
        #[inline]
        fn as_f64(self) -> f64 {
            self as f64
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
    pub unsafe fn bool_lift(val: u8) -> bool {
        if cfg!(debug_assertions) {
            match val {
                0 => false,
                1 => true,
                _ => panic!("invalid bool discriminant"),
            }
        } else {
            val != 0
        }
    }
    pub unsafe fn char_lift(val: u32) -> char {
        if cfg!(debug_assertions) {
            core::char::from_u32(val).unwrap()
        } else {
            unsafe { core::char::from_u32_unchecked(val) }
        }
    }
    pub unsafe fn string_lift(bytes: Vec<u8>) -> String {
        if cfg!(debug_assertions) {
            String::from_utf8(bytes).unwrap()
        } else {
            unsafe { String::from_utf8_unchecked(bytes) }
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
    pub fn as_f32<T: AsF32>(t: T) -> f32 {
        t.as_f32()
    }
    pub trait AsF32 {
        fn as_f32(self) -> f32;
    }
    impl<'a, T: Copy + AsF32> AsF32 for &'a T {
        fn as_f32(self) -> f32 {
            (*self).as_f32()
        }
    }
    impl AsF32 for f32 {
        #[inline]
        fn as_f32(self) -> f32 {
            self as f32
        }
    }
    pub use alloc_crate::alloc;
    pub unsafe fn invalid_enum_discriminant<T>() -> T {
        if cfg!(debug_assertions) {
            panic!("invalid enum discriminant")
        } else {
            unsafe { core::hint::unreachable_unchecked() }
        }
    }
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
macro_rules! __export_types_actor_impl {
    ($ty:ident) => {
        self::__guestkit_wit_export!($ty with_types_in self);
    };
    ($ty:ident with_types_in $($path_to_types_root:tt)*) => {
        $($path_to_types_root)*::
        exports::corpus::types::shapes::__export_corpus_types_shapes_0_1_0_cabi!($ty
        with_types_in $($path_to_types_root)*:: exports::corpus::types::shapes);
    };
}
#[doc(inline)]
pub(crate) use __export_types_actor_impl as __guestkit_wit_export;
#[cfg(target_arch = "wasm32")]
#[unsafe(
    link_section = "component-type:wit-bindgen:0.60.0:corpus:types@0.1.0:types-actor:encoded world"
)]
#[doc(hidden)]
#[allow(clippy::octal_escapes)]
pub static __WIT_BINDGEN_COMPONENT_TYPE: [u8; 8110] = *b"\
\0asm\x0d\0\x01\0\0\x19\x16wit-component-encoding\x04\0\x07\xac>\x01A\x02\x01A-\x01\
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
\x1e\x01B,\x01r\x02\x01xz\x01yz\x04\0\x05point\x03\0\0\x01r\x0d\x05small}\x06med\
ium{\x05largey\x04hugew\x0csigned-small~\x0dsigned-medium|\x0csigned-largez\x0bs\
igned-hugex\x05ratiov\x07preciseu\x04flag\x7f\x06lettert\x04texts\x04\0\x06sampl\
e\x03\0\x02\x01o\x02\x01\x01\x01p\x01\x01q\x04\x06circle\x01u\0\x04rect\x01\x04\0\
\x07polygon\x01\x05\0\x05empty\0\0\x04\0\x05shape\x03\0\x06\x01m\x03\x03red\x05g\
reen\x04blue\x04\0\x05color\x03\0\x08\x01n\x03\x04read\x05write\x07execute\x04\0\
\x0bpermissions\x03\0\x0a\x01o\x02}s\x04\0\x04pair\x03\0\x0c\x01k\x05\x04\0\x0cm\
aybe-points\x03\0\x0e\x01j\x01u\x01s\x01@\x01\x01s\x07\0\x10\x04\0\x04area\x01\x11\
\x01j\0\x01\x09\x01@\x02\x01s\x07\x01c\x09\0\x12\x04\0\x05paint\x01\x13\x01j\x01\
\x0b\0\x01@\x01\x01p\x0b\0\x14\x04\0\x05check\x01\x15\x01@\x01\x01s\x03\0\x03\x04\
\0\x04echo\x01\x16\x01p\x0d\x01ps\x01o\x02y\x18\x01@\x01\x05items\x17\0\x19\x04\0\
\x05pairs\x01\x1a\x01o\x02}x\x01p\x1b\x01j\x01\x1c\x01s\x01k\x1d\x01k\x1e\x01@\x01\
\x01x\x1f\0\x0f\x04\0\x06nested\x01\x20\x01p}\x01@\x01\x01b!\0!\x04\0\x05bytes\x01\
\"\x01@\0\x01\0\x04\0\x07nothing\x01#\x04\0\x19corpus:types/shapes@0.1.0\x05\x1f\
\x04\0\x1ecorpus:types/types-actor@0.1.0\x04\0\x0b\x11\x01\0\x0btypes-actor\x03\0\
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
