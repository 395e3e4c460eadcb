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
        pub mod resources {
            #[allow(dead_code, async_fn_in_trait, unused_imports, clippy::all)]
            pub mod files {
                #[used]
                #[doc(hidden)]
                static __FORCE_SECTION_REF: fn() = super::super::super::super::__link_custom_section_describing_imports;
                use super::super::super::super::_rt;
                #[derive(Debug)]
                #[repr(transparent)]
                pub struct File {
                    handle: _rt::Resource<File>,
                }
                impl File {
                    /// Creates a new resource from the specified representation.
                    ///
                    /// This function will create a new resource handle by moving `val` onto
                    /// the heap and then passing that heap pointer to the component model to
                    /// create a handle. The owned handle is then returned as `File`.
                    pub fn new<T: GuestFile>(val: T) -> Self {
                        Self::type_guard::<T>();
                        let rep = <T::Rep as ::guestkit::__private::wit_bindgen::rt::ResourceRep<
                            T,
                        >>::rep_new(val);
                        unsafe {
                            let ptr = T::resource_into_raw_(rep);
                            Self::from_handle(T::_resource_new(ptr.cast()))
                        }
                    }
                    /// Gets access to the underlying `T` which represents this resource.
                    pub fn get<T: GuestFile>(&self) -> &T {
                        let ptr = self.as_ptr::<T>();
                        unsafe {
                            <T::Rep as ::guestkit::__private::wit_bindgen::rt::ResourceRep<
                                T,
                            >>::rep_as_ref(ptr)
                        }
                    }
                    /// Gets mutable access to the underlying `T` which represents this
                    /// resource.
                    pub fn get_mut<T: GuestFile>(&mut self) -> &mut T {
                        let ptr = self.as_ptr::<T>();
                        unsafe {
                            <T::Rep as ::guestkit::__private::wit_bindgen::rt::ResourceRep<
                                T,
                            >>::rep_as_mut(ptr)
                        }
                    }
                    /// Consumes this resource and returns the underlying `T`.
                    pub fn into_inner<T: GuestFile>(self) -> T {
                        let ptr = self.as_ptr::<T>();
                        unsafe {
                            <T::Rep as ::guestkit::__private::wit_bindgen::rt::ResourceRep<
                                T,
                            >>::rep_take(ptr)
                        }
                    }
                    #[doc(hidden)]
                    pub unsafe fn from_handle(handle: u32) -> Self {
                        Self {
                            handle: unsafe { _rt::Resource::from_handle(handle) },
                        }
                    }
                    #[doc(hidden)]
                    pub fn take_handle(&self) -> u32 {
                        _rt::Resource::take_handle(&self.handle)
                    }
                    #[doc(hidden)]
                    pub fn handle(&self) -> u32 {
                        _rt::Resource::handle(&self.handle)
                    }
                    #[doc(hidden)]
                    fn type_guard<T: ::guestkit::__private::wit_bindgen::rt::Resource>() {
                        use core::any::TypeId;
                        static mut LAST_TYPE: Option<TypeId> = None;
                        unsafe {
                            assert!(! cfg!(target_feature = "atomics"));
                            let id = TypeId::of::<T>();
                            match LAST_TYPE {
                                Some(ty) => {
                                    assert!(
                                        ty == id, "cannot use two types with this resource type"
                                    )
                                }
                                None => LAST_TYPE = Some(id),
                            }
                        }
                    }
                    #[doc(hidden)]
                    pub unsafe fn dtor<T: GuestFile>(handle: *mut u8) {
                        Self::type_guard::<T>();
                        unsafe {
                            let _rep = T::resource_from_raw_(handle.cast());
                        }
                    }
                    fn as_ptr<T: GuestFile>(&self) -> *mut T::Rep {
                        File::type_guard::<T>();
                        T::_resource_rep(self.handle()).cast()
                    }
                }
                /// A borrowed version of [`File`] which represents a borrowed value
                /// with the lifetime `'a`.
                #[derive(Debug)]
                #[repr(transparent)]
                pub struct FileBorrow<'a> {
                    rep: *const u8,
                    _marker: core::marker::PhantomData<&'a File>,
                }
                impl<'a> FileBorrow<'a> {
                    #[doc(hidden)]
                    pub unsafe fn lift(rep: *const u8) -> Self {
                        Self {
                            rep,
                            _marker: core::marker::PhantomData,
                        }
                    }
                    /// Gets access to the underlying `T` in this resource.
                    pub fn get<T: GuestFile>(&self) -> &'a T {
                        let ptr = self.as_ptr::<T>();
                        unsafe {
                            <T::Rep as ::guestkit::__private::wit_bindgen::rt::ResourceRep<
                                T,
                            >>::rep_as_ref(ptr)
                        }
                    }
                    fn as_ptr<T: GuestFile>(&self) -> *const T::Rep {
                        File::type_guard::<T>();
                        self.rep.cast()
                    }
                }
                unsafe impl _rt::WasmResource for File {
                    #[inline]
                    unsafe fn drop(_handle: u32) {
                        #[cfg(target_arch = "wasm32")]
                        #[link(
                            wasm_import_module = "[export]corpus:resources/files@0.1.0"
                        )]
                        unsafe extern "C" {
                            #[link_name = "[resource-drop]file"]
                            fn drop(_: i32);
                        }
                        #[cfg(not(target_arch = "wasm32"))]
                        unsafe extern "C" fn drop(_: i32) {
                            unreachable!()
                        }
                        unsafe {
                            drop(_handle as i32);
                        }
                    }
                }
                pub struct Listing {
                    pub files: _rt::Vec<File>,
                    pub total: u64,
                }
                impl ::core::fmt::Debug for Listing {
                    fn fmt(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        f.debug_struct("Listing")
                            .field("files", &self.files)
                            .field("total", &self.total)
                            .finish()
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_constructor_file_cabi<T_: GuestFile>(
                    arg0: *mut u8,
                    arg1: usize,
                ) -> i32 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result1 = {
                            let len0 = arg1;
                            let bytes0 = _rt::Vec::from_raw_parts(
                                arg0.cast(),
                                len0,
                                len0,
                            );
                            File::new(T_::new(_rt::string_lift(bytes0)))
                        };
                        (result1).take_handle() as i32
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_method_file_name_cabi<T_: GuestFile>(
                    arg0: *mut u8,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result0 = {
                            T_::name(
                                FileBorrow::lift(
                                        core::ptr::with_exposed_provenance(arg0 as u32 as usize),
                                    )
                                    .get(),
                            )
                        };
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
                pub unsafe fn __post_return_method_file_name<T_: GuestFile>(
                    arg0: *mut u8,
                ) {
                    unsafe {
                        let l0 = *arg0.add(0).cast::<*mut u8>();
                        let l1 = *arg0
                            .add(::core::mem::size_of::<*const u8>())
                            .cast::<usize>();
                        _rt::cabi_dealloc(l0, l1, 1);
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_method_file_write_cabi<T_: GuestFile>(
                    arg0: *mut u8,
                    arg1: *mut u8,
                    arg2: usize,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result1 = {
                            let len0 = arg2;
                            T_::write(
                                FileBorrow::lift(
                                        core::ptr::with_exposed_provenance(arg0 as u32 as usize),
                                    )
                                    .get(),
                                <_ as From<
                                    _rt::Vec<_>,
                                >>::from(_rt::Vec::from_raw_parts(arg1.cast(), len0, len0)),
                            )
                        };
                        let ptr2 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result1 {
                            Ok(e) => {
                                *ptr2.add(0).cast::<u8>() = (0i32) as u8;
                                *ptr2.add(8).cast::<i64>() = _rt::as_i64(e);
                            }
                            Err(e) => {
                                *ptr2.add(0).cast::<u8>() = (1i32) as u8;
                                let vec3 = (e.into_bytes()).into_boxed_slice();
                                let ptr3 = vec3.as_ptr().cast::<u8>();
                                let len3 = vec3.len();
                                ::core::mem::forget(vec3);
                                *ptr2
                                    .add(8 + 1 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len3;
                                *ptr2.add(8).cast::<*mut u8>() = ptr3.cast_mut();
                            }
                        };
                        ptr2
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_method_file_write<T_: GuestFile>(
                    arg0: *mut u8,
                ) {
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
                pub unsafe fn _export_static_file_open_cabi<T_: GuestFile>(
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
                            T_::open(_rt::string_lift(bytes0))
                        };
                        let ptr2 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result1 {
                            Some(e) => {
                                *ptr2.add(0).cast::<u8>() = (1i32) as u8;
                                *ptr2.add(4).cast::<i32>() = (e).take_handle() as i32;
                            }
                            None => {
                                *ptr2.add(0).cast::<u8>() = (0i32) as u8;
                            }
                        };
                        ptr2
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_method_file_copy_from_cabi<T_: GuestFile>(
                    arg0: *mut u8,
                    arg1: i32,
                ) -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result0 = {
                            T_::copy_from(
                                FileBorrow::lift(
                                        core::ptr::with_exposed_provenance(arg0 as u32 as usize),
                                    )
                                    .get(),
                                FileBorrow::lift(
                                    core::ptr::with_exposed_provenance(arg1 as u32 as usize),
                                ),
                            )
                        };
                        let ptr1 = (&raw mut _RET_AREA.0).cast::<u8>();
                        match result0 {
                            Ok(_) => {
                                *ptr1.add(0).cast::<u8>() = (0i32) as u8;
                            }
                            Err(e) => {
                                *ptr1.add(0).cast::<u8>() = (1i32) as u8;
                                let vec2 = (e.into_bytes()).into_boxed_slice();
                                let ptr2 = vec2.as_ptr().cast::<u8>();
                                let len2 = vec2.len();
                                ::core::mem::forget(vec2);
                                *ptr1
                                    .add(2 * ::core::mem::size_of::<*const u8>())
                                    .cast::<usize>() = len2;
                                *ptr1
                                    .add(::core::mem::size_of::<*const u8>())
                                    .cast::<*mut u8>() = ptr2.cast_mut();
                            }
                        };
                        ptr1
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_method_file_copy_from<T_: GuestFile>(
                    arg0: *mut u8,
                ) {
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
                pub unsafe fn _export_list_all_cabi<T_: Guest>() -> *mut u8 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result0 = { T_::list_all() };
                        let ptr1 = (&raw mut _RET_AREA.0).cast::<u8>();
                        let Listing { files: files2, total: total2 } = result0;
                        let vec3 = files2;
                        let len3 = vec3.len();
                        let layout3 = _rt::alloc::Layout::from_size_align(
                                vec3.len() * 4,
                                4,
                            )
                            .unwrap();
                        let (result3, _cleanup3) = ::guestkit::__private::wit_bindgen::rt::Cleanup::new(
                            layout3,
                        );
                        if let Some(cleanup) = _cleanup3 {
                            cleanup.forget();
                        }
                        for (i, e) in vec3.into_iter().enumerate() {
                            let base = result3.add(i * 4);
                            {
                                *base.add(0).cast::<i32>() = (e).take_handle() as i32;
                            }
                        }
                        *ptr1.add(::core::mem::size_of::<*const u8>()).cast::<usize>() = len3;
                        *ptr1.add(0).cast::<*mut u8>() = result3;
                        *ptr1
                            .add(2 * ::core::mem::size_of::<*const u8>())
                            .cast::<i64>() = _rt::as_i64(total2);
                        ptr1
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case)]
                pub unsafe fn __post_return_list_all<T_: Guest>(arg0: *mut u8) {
                    unsafe {
                        let l0 = *arg0.add(0).cast::<*mut u8>();
                        let l1 = *arg0
                            .add(::core::mem::size_of::<*const u8>())
                            .cast::<usize>();
                        let base2 = l0;
                        let len2 = l1;
                        _rt::cabi_dealloc(base2, len2 * 4, 4);
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_size_of_cabi<T_: Guest>(arg0: i32) -> i64 {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        let result0 = {
                            T_::size_of(
                                FileBorrow::lift(
                                    core::ptr::with_exposed_provenance(arg0 as u32 as usize),
                                ),
                            )
                        };
                        _rt::as_i64(result0)
                    }
                }
                #[doc(hidden)]
                #[allow(non_snake_case, unused_unsafe)]
                pub unsafe fn _export_close_cabi<T_: Guest>(arg0: i32) {
                    unsafe {
                        #[cfg(target_arch = "wasm32")] _rt::run_ctors_once();
                        { T_::close(File::from_handle(arg0 as u32)) };
                    }
                }
                pub trait Guest {
                    type File: GuestFile;
                    #[allow(async_fn_in_trait)]
                    fn list_all() -> Listing;
                    #[allow(async_fn_in_trait)]
                    fn size_of(f: FileBorrow<'_>) -> u64;
                    #[allow(async_fn_in_trait)]
                    fn close(f: File) -> ();
                }
                pub trait GuestFile: ::guestkit::__private::wit_bindgen::rt::Resource {
                    #[doc(hidden)]
                    unsafe fn _resource_new(val: *mut u8) -> u32
                    where
                        Self: Sized,
                    {
                        #[cfg(target_arch = "wasm32")]
                        #[link(
                            wasm_import_module = "[export]corpus:resources/files@0.1.0"
                        )]
                        unsafe extern "C" {
                            #[link_name = "[resource-new]file"]
                            fn new(_: *mut u8) -> i32;
                        }
                        #[cfg(not(target_arch = "wasm32"))]
                        unsafe extern "C" fn new(_: *mut u8) -> i32 {
                            unreachable!()
                        }
                        unsafe { new(val) as u32 }
                    }
                    #[doc(hidden)]
                    fn _resource_rep(handle: u32) -> *mut u8
                    where
                        Self: Sized,
                    {
                        #[cfg(target_arch = "wasm32")]
                        #[link(
                            wasm_import_module = "[export]corpus:resources/files@0.1.0"
                        )]
                        unsafe extern "C" {
                            #[link_name = "[resource-rep]file"]
                            fn rep(_: i32) -> *mut u8;
                        }
                        #[cfg(not(target_arch = "wasm32"))]
                        unsafe extern "C" fn rep(_: i32) -> *mut u8 {
                            unreachable!()
                        }
                        unsafe { rep(handle as i32) }
                    }
                    /// Place this resource's representation into a location with a stable pointer,
                    /// returning a pointer to that location.
                    ///
                    /// This method is used to place `val` on the heap, for example, or possibly in
                    /// an arena. The returned pointer must remain valid for the lifetime of this
                    /// resource. The default implementation of this metho will place `val` onto the
                    /// heap with `Box`. The returned pointer will be deallocated by the sibling
                    /// `resource_from_raw_` function.
                    ///
                    /// # Safety
                    ///
                    /// Note that this method is not `unsafe` to call, but it is `unsafe` to
                    /// define. When overriding this method you must additionally override the
                    /// `resource_from_raw_` to insert an appropriate deallocation for the returned
                    /// pointer. In the future this might become a default associated trait bound,
                    /// but that's not stable in Rust right now.
                    #[doc(hidden)]
                    unsafe fn resource_into_raw_(val: Self::Rep) -> *mut Self::Rep {
                        _rt::Box::into_raw(_rt::Box::new(val))
                    }
                    /// Consumes and deallocates a pointer previously returned by
                    /// `resource_into_raw_`.
                    ///
                    /// This function is used to deallocate resources and allocations associated
                    /// with the allocation routine when creating a resource. The default
                    /// implementation of this method will read `handle`'s value and deallocate it
                    /// as a `Box`.
                    ///
                    /// Note that when overriding this method you'll almost surely want to override
                    /// `resource_into_raw_` as well.
                    ///
                    /// # Safety
                    ///
                    /// This method is only safe to call with pointers previously created by
                    /// `resource_into_raw_`. For more information see `Box::from_raw` for examples.
                    #[doc(hidden)]
                    unsafe fn resource_from_raw_(handle: *mut Self::Rep) -> Self::Rep {
                        *unsafe { _rt::Box::from_raw(handle) }
                    }
                    #[allow(async_fn_in_trait)]
                    fn new(name: _rt::String) -> Self;
                    #[allow(async_fn_in_trait)]
                    fn name(&self) -> _rt::String;
                    #[allow(async_fn_in_trait)]
                    fn write(&self, bytes: _rt::Vec<u8>) -> Result<u64, _rt::String>;
                    #[allow(async_fn_in_trait)]
                    fn open(name: _rt::String) -> Option<File>;
                    #[allow(async_fn_in_trait)]
                    fn copy_from(
                        &self,
                        other: FileBorrow<'_>,
                    ) -> Result<(), _rt::String>;
                }
                #[doc(hidden)]
                macro_rules! __export_corpus_resources_files_0_1_0_cabi {
                    ($ty:ident with_types_in $($path_to_types:tt)*) => {
                        const _ : () = { #[unsafe (export_name =
                        "corpus:resources/files@0.1.0#[constructor]file")] unsafe extern
                        "C" fn export_constructor_file(arg0 : * mut u8, arg1 : usize,) ->
                        i32 { unsafe { $($path_to_types)*::
                        _export_constructor_file_cabi::<<$ty as $($path_to_types)*::
                        Guest >::File > (arg0, arg1) } } #[unsafe (export_name =
                        "corpus:resources/files@0.1.0#[method]file.name")] unsafe extern
                        "C" fn export_method_file_name(arg0 : * mut u8,) -> * mut u8 {
                        unsafe { $($path_to_types)*::
                        _export_method_file_name_cabi::<<$ty as $($path_to_types)*::
                        Guest >::File > (arg0) } } #[unsafe (export_name =
                        "cabi_post_corpus:resources/files@0.1.0#[method]file.name")]
                        unsafe extern "C" fn _post_return_method_file_name(arg0 : * mut
                        u8,) { unsafe { $($path_to_types)*::
                        __post_return_method_file_name::<<$ty as $($path_to_types)*::
                        Guest >::File > (arg0) } } #[unsafe (export_name =
                        "corpus:resources/files@0.1.0#[method]file.write")] unsafe extern
                        "C" fn export_method_file_write(arg0 : * mut u8, arg1 : * mut u8,
                        arg2 : usize,) -> * mut u8 { unsafe { $($path_to_types)*::
                        _export_method_file_write_cabi::<<$ty as $($path_to_types)*::
                        Guest >::File > (arg0, arg1, arg2) } } #[unsafe (export_name =
                        "cabi_post_corpus:resources/files@0.1.0#[method]file.write")]
                        unsafe extern "C" fn _post_return_method_file_write(arg0 : * mut
                        u8,) { unsafe { $($path_to_types)*::
                        __post_return_method_file_write::<<$ty as $($path_to_types)*::
                        Guest >::File > (arg0) } } #[unsafe (export_name =
                        "corpus:resources/files@0.1.0#[static]file.open")] unsafe extern
                        "C" fn export_static_file_open(arg0 : * mut u8, arg1 : usize,) ->
                        * mut u8 { unsafe { $($path_to_types)*::
                        _export_static_file_open_cabi::<<$ty as $($path_to_types)*::
                        Guest >::File > (arg0, arg1) } } #[unsafe (export_name =
                        "corpus:resources/files@0.1.0#[method]file.copy-from")] unsafe
                        extern "C" fn export_method_file_copy_from(arg0 : * mut u8, arg1
                        : i32,) -> * mut u8 { unsafe { $($path_to_types)*::
                        _export_method_file_copy_from_cabi::<<$ty as $($path_to_types)*::
                        Guest >::File > (arg0, arg1) } } #[unsafe (export_name =
                        "cabi_post_corpus:resources/files@0.1.0#[method]file.copy-from")]
                        unsafe extern "C" fn _post_return_method_file_copy_from(arg0 : *
                        mut u8,) { unsafe { $($path_to_types)*::
                        __post_return_method_file_copy_from::<<$ty as
                        $($path_to_types)*:: Guest >::File > (arg0) } } #[unsafe
                        (export_name = "corpus:resources/files@0.1.0#list-all")] unsafe
                        extern "C" fn export_list_all() -> * mut u8 { unsafe {
                        $($path_to_types)*:: _export_list_all_cabi::<$ty > () } }
                        #[unsafe (export_name =
                        "cabi_post_corpus:resources/files@0.1.0#list-all")] unsafe extern
                        "C" fn _post_return_list_all(arg0 : * mut u8,) { unsafe {
                        $($path_to_types)*:: __post_return_list_all::<$ty > (arg0) } }
                        #[unsafe (export_name = "corpus:resources/files@0.1.0#size-of")]
                        unsafe extern "C" fn export_size_of(arg0 : i32,) -> i64 { unsafe
                        { $($path_to_types)*:: _export_size_of_cabi::<$ty > (arg0) } }
                        #[unsafe (export_name = "corpus:resources/files@0.1.0#close")]
                        unsafe extern "C" fn export_close(arg0 : i32,) { unsafe {
                        $($path_to_types)*:: _export_close_cabi::<$ty > (arg0) } } const
                        _ : () = { #[doc(hidden)] #[unsafe (export_name =
                        "corpus:resources/files@0.1.0#[dtor]file")]
                        #[allow(non_snake_case)] unsafe extern "C" fn dtor(rep : * mut
                        u8) { unsafe { $($path_to_types)*:: File::dtor::< <$ty as
                        $($path_to_types)*:: Guest >::File > (rep) } } }; };
                    };
                }
                #[doc(hidden)]
                pub(crate) use __export_corpus_resources_files_0_1_0_cabi;
                #[repr(align(8))]
                struct _RetArea(
                    [::core::mem::MaybeUninit<
                        u8,
                    >; 8 + 2 * ::core::mem::size_of::<*const u8>()],
                );
                static mut _RET_AREA: _RetArea = _RetArea(
                    [::core::mem::MaybeUninit::uninit(); 8
                        + 2 * ::core::mem::size_of::<*const u8>()],
                );
            }
        }
    }
}
mod _rt {
    #![allow(dead_code, unused_imports, clippy::all)]
    use core::fmt;
    use core::marker;
    use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
    /// A type which represents a component model resource, either imported or
    /// exported into this component.
    ///
    /// This is a low-level wrapper which handles the lifetime of the resource
    /// (namely this has a destructor). The `T` provided defines the component model
    /// intrinsics that this wrapper uses.
    ///
    /// One of the chief purposes of this type is to provide `Deref` implementations
    /// to access the underlying data when it is owned.
    ///
    /// This type is primarily used in generated code for exported and imported
    /// resources.
    #[repr(transparent)]
    pub struct Resource<T: WasmResource> {
        handle: AtomicU32,
        _marker: marker::PhantomData<T>,
    }
    /// A trait which all wasm resources implement, namely providing the ability to
    /// drop a resource.
    ///
    /// This generally is implemented by generated code, not user-facing code.
    #[allow(clippy::missing_safety_doc)]
    pub unsafe trait WasmResource {
        /// Invokes the `[resource-drop]...` intrinsic.
        unsafe fn drop(handle: u32);
    }
    impl<T: WasmResource> Resource<T> {
        #[doc(hidden)]
        pub unsafe fn from_handle(handle: u32) -> Self {
            debug_assert!(handle != 0 && handle != u32::MAX);
            Self {
                handle: AtomicU32::new(handle),
                _marker: marker::PhantomData,
            }
        }
        /// Takes ownership of the handle owned by `resource`.
        ///
        /// Note that this ideally would be `into_handle` taking `Resource<T>` by
        /// ownership. The code generator does not enable that in all situations,
        /// unfortunately, so this is provided instead.
        ///
        /// Also note that `take_handle` is in theory only ever called on values
        /// owned by a generated function. For example a generated function might
        /// take `Resource<T>` as an argument but then call `take_handle` on a
        /// reference to that argument. In that sense the dynamic nature of
        /// `take_handle` should only be exposed internally to generated code, not
        /// to user code.
        #[doc(hidden)]
        pub fn take_handle(resource: &Resource<T>) -> u32 {
            resource.handle.swap(u32::MAX, Relaxed)
        }
        #[doc(hidden)]
        pub fn handle(resource: &Resource<T>) -> u32 {
            resource.handle.load(Relaxed)
        }
    }
    impl<T: WasmResource> fmt::Debug for Resource<T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("Resource").field("handle", &self.handle).finish()
        }
    }
    impl<T: WasmResource> Drop for Resource<T> {
        fn drop(&mut self) {
            unsafe {
                match self.handle.load(Relaxed) {
                    u32::MAX => {}
                    other => T::drop(other),
                }
            }
        }
    }
    pub use alloc_crate::vec::Vec;
    #[cfg(target_arch = "wasm32")]
    pub fn run_ctors_once() {
        ::guestkit::__private::wit_bindgen::rt::run_ctors_once();
    }
    pub unsafe fn string_lift(bytes: Vec<u8>) -> String {
        if cfg!(debug_assertions) {
            String::from_utf8(bytes).unwrap()
        } else {
            unsafe { String::from_utf8_unchecked(bytes) }
        }
    }
    pub use alloc_crate::string::String;
    pub unsafe fn cabi_dealloc(ptr: *mut u8, size: usize, align: usize) {
        if size == 0 {
            return;
        }
        unsafe {
            let layout = alloc::Layout::from_size_align_unchecked(size, align);
            alloc::dealloc(ptr, layout);
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
    pub use alloc_crate::alloc;
    pub use alloc_crate::boxed::Box;
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
macro_rules! __export_resources_actor_impl {
    ($ty:ident) => {
        self::__guestkit_wit_export!($ty with_types_in self);
    };
    ($ty:ident with_types_in $($path_to_types_root:tt)*) => {
        $($path_to_types_root)*::
        exports::corpus::resources::files::__export_corpus_resources_files_0_1_0_cabi!($ty
        with_types_in $($path_to_types_root)*:: exports::corpus::resources::files);
    };
}
#[doc(inline)]
pub(crate) use __export_resources_actor_impl as __guestkit_wit_export;
#[cfg(target_arch = "wasm32")]
#[unsafe(
    link_section = "component-type:wit-bindgen:0.60.0:corpus:resources@0.1.0:resources-actor:encoded world"
)]
#[doc(hidden)]
#[allow(clippy::octal_escapes)]
pub static __WIT_BINDGEN_COMPONENT_TYPE: [u8; 7914] = *b"\
\0asm\x0d\0\x01\0\0\x19\x16wit-component-encoding\x04\0\x07\xe4<\x01A\x02\x01A-\x01\
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
\x1e\x01B\x1a\x04\0\x04file\x03\x01\x01i\0\x01p\x01\x01r\x02\x05files\x02\x05tot\
alw\x04\0\x07listing\x03\0\x03\x01@\x01\x04names\0\x01\x04\0\x11[constructor]fil\
e\x01\x05\x01h\0\x01@\x01\x04self\x06\0s\x04\0\x11[method]file.name\x01\x07\x01p\
}\x01j\x01w\x01s\x01@\x02\x04self\x06\x05bytes\x08\0\x09\x04\0\x12[method]file.w\
rite\x01\x0a\x01k\x01\x01@\x01\x04names\0\x0b\x04\0\x11[static]file.open\x01\x0c\
\x01j\0\x01s\x01@\x02\x04self\x06\x05other\x06\0\x0d\x04\0\x16[method]file.copy-\
from\x01\x0e\x01@\0\0\x04\x04\0\x08list-all\x01\x0f\x01@\x01\x01f\x06\0w\x04\0\x07\
size-of\x01\x10\x01@\x01\x01f\x01\x01\0\x04\0\x05close\x01\x11\x04\0\x1ccorpus:r\
esources/files@0.1.0\x05\x1f\x04\0&corpus:resources/resources-actor@0.1.0\x04\0\x0b\
\x15\x01\0\x0fresources-actor\x03\0\0\0G\x09producers\x01\x0cprocessed-by\x02\x0d\
wit-component\x070.254.2\x10wit-bindgen-rust\x060.60.0";
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
