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
            #[allow(dead_code, async_fn_in_trait, unused_imports, clippy::all)]
            pub mod uses_shapes {
                #[used]
                #[doc(hidden)]
                static __FORCE_SECTION_REF: fn() = super::super::super::super::__link_custom_section_describing_imports;
                use super::super::super::super::_rt;
                pub type Point = super::super::super::super::exports::corpus::types::shapes::Point;
                pub type Color = super::super::super::super::exports::corpus::types::shapes::Color;
                #[repr(C)]
                #[derive(Clone, Copy)]
                pub struct Pixel {
                    pub at: Point,
                    pub color: Color,
                }
                impl ::core::fmt::Debug for Pixel {
                    fn fmt(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        f.debug_struct("Pixel")
                            .field("at", &self.at)
                            .field("color", &self.color)
                            .finish()
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_draw_cabi<T_: Guest>(
                    arg0: *mut u8,
                    arg1: usize,
                ) -> i32 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result4 = {
                            let base3 = arg0;
                            let len3 = arg1;
                            let mut result3 = _rt::Vec::with_capacity(len3);
                            for i in 0..len3 {
                                let base = base3.add(i * 12);
                                let e3 = {
                                    let l0 = *base.add(0).cast::<i32>();
                                    let l1 = *base.add(4).cast::<i32>();
                                    let l2 = i32::from(*base.add(8).cast::<u8>());
                                    Pixel {
                                        at: super::super::super::super::exports::corpus::types::shapes::Point {
                                            x: l0,
                                            y: l1,
                                        },
                                        color: super::super::super::super::exports::corpus::types::shapes::Color::_lift(
                                            l2 as u8,
                                        ),
                                    }
                                };
                                result3.push(e3);
                            }
                            _rt::cabi_dealloc(base3, len3 * 12, 4);
                            T_::draw(result3)
                        };
                        _rt::as_i32(result4)
                    }
                }
                pub trait Guest {
                    #[allow(async_fn_in_trait)]
                    fn draw(pixels: _rt::Vec<Pixel>) -> u32;
                }
                #[doc(hidden)]
                macro_rules! __export_corpus_types_uses_shapes_0_1_0_cabi {
                    ($ty:ident with_types_in $($path_to_types:tt)*) => {
                        const _ : () = { #[unsafe (export_name =
                        "corpus:types/uses-shapes@0.1.0#draw")] unsafe extern "C" fn
                        export_draw(arg0 : * mut u8, arg1 : usize,) -> i32 { unsafe {
                        $($path_to_types)*:: _export_draw_cabi::<$ty > (arg0, arg1) } }
                        };
                    };
                }
                #[doc(hidden)]
                pub(crate) use __export_corpus_types_uses_shapes_0_1_0_cabi;
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
macro_rules! __export_types_export_impl {
    ($ty:ident) => {
        self::__guestkit_wit_export!($ty with_types_in self);
    };
    ($ty:ident with_types_in $($path_to_types_root:tt)*) => {
        $($path_to_types_root)*::
        exports::corpus::types::shapes::__export_corpus_types_shapes_0_1_0_cabi!($ty
        with_types_in $($path_to_types_root)*:: exports::corpus::types::shapes);
        $($path_to_types_root)*::
        exports::corpus::types::uses_shapes::__export_corpus_types_uses_shapes_0_1_0_cabi!($ty
        with_types_in $($path_to_types_root)*:: exports::corpus::types::uses_shapes);
    };
}
#[doc(inline)]
pub(crate) use __export_types_export_impl as __guestkit_wit_export;
#[cfg(target_arch = "wasm32")]
#[unsafe(
    link_section = "component-type:wit-bindgen:0.60.0:corpus:types@0.1.0:types-export:encoded world"
)]
#[doc(hidden)]
#[allow(clippy::octal_escapes)]
pub static __WIT_BINDGEN_COMPONENT_TYPE: [u8; 863] = *b"\
\0asm\x0d\0\x01\0\0\x19\x16wit-component-encoding\x04\0\x07\xdc\x05\x01A\x02\x01\
A\x06\x01B,\x01r\x02\x01xz\x01yz\x04\0\x05point\x03\0\0\x01r\x0d\x05small}\x06me\
dium{\x05largey\x04hugew\x0csigned-small~\x0dsigned-medium|\x0csigned-largez\x0b\
signed-hugex\x05ratiov\x07preciseu\x04flag\x7f\x06lettert\x04texts\x04\0\x06samp\
le\x03\0\x02\x01o\x02\x01\x01\x01p\x01\x01q\x04\x06circle\x01u\0\x04rect\x01\x04\
\0\x07polygon\x01\x05\0\x05empty\0\0\x04\0\x05shape\x03\0\x06\x01m\x03\x03red\x05\
green\x04blue\x04\0\x05color\x03\0\x08\x01n\x03\x04read\x05write\x07execute\x04\0\
\x0bpermissions\x03\0\x0a\x01o\x02}s\x04\0\x04pair\x03\0\x0c\x01k\x05\x04\0\x0cm\
aybe-points\x03\0\x0e\x01j\x01u\x01s\x01@\x01\x01s\x07\0\x10\x04\0\x04area\x01\x11\
\x01j\0\x01\x09\x01@\x02\x01s\x07\x01c\x09\0\x12\x04\0\x05paint\x01\x13\x01j\x01\
\x0b\0\x01@\x01\x01p\x0b\0\x14\x04\0\x05check\x01\x15\x01@\x01\x01s\x03\0\x03\x04\
\0\x04echo\x01\x16\x01p\x0d\x01ps\x01o\x02y\x18\x01@\x01\x05items\x17\0\x19\x04\0\
\x05pairs\x01\x1a\x01o\x02}x\x01p\x1b\x01j\x01\x1c\x01s\x01k\x1d\x01k\x1e\x01@\x01\
\x01x\x1f\0\x0f\x04\0\x06nested\x01\x20\x01p}\x01@\x01\x01b!\0!\x04\0\x05bytes\x01\
\"\x01@\0\x01\0\x04\0\x07nothing\x01#\x04\0\x19corpus:types/shapes@0.1.0\x05\0\x02\
\x03\0\0\x05point\x02\x03\0\0\x05color\x01B\x09\x02\x03\x02\x01\x01\x04\0\x05poi\
nt\x03\0\0\x02\x03\x02\x01\x02\x04\0\x05color\x03\0\x02\x01r\x02\x02at\x01\x05co\
lor\x03\x04\0\x05pixel\x03\0\x04\x01p\x05\x01@\x01\x06pixels\x06\0y\x04\0\x04dra\
w\x01\x07\x04\0\x1ecorpus:types/uses-shapes@0.1.0\x05\x03\x04\0\x1fcorpus:types/\
types-export@0.1.0\x04\0\x0b\x12\x01\0\x0ctypes-export\x03\0\0\0G\x09producers\x01\
\x0cprocessed-by\x02\x0dwit-component\x070.254.2\x10wit-bindgen-rust\x060.60.0";
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
