# libosmium (libosmium2-dev, header-only) for reading OpenStreetMap roads in src/network/osm_reader.cpp.
# Its PBF and XML readers need zlib, bzip2, expat and threads at link time.
# Included by the top-level CMakeLists.txt after the keniki library is defined:
#   include(cmake/osmium.cmake OPTIONAL)
# (also works as CMAKE_PROJECT_keniki_INCLUDE: then it waits for the target to exist).
find_package(ZLIB REQUIRED)    # zlib1g-dev
find_package(BZip2 REQUIRED)   # libbz2-dev
find_package(EXPAT REQUIRED)   # libexpat1-dev
find_package(Threads REQUIRED)

function(keniki_link_osmium)
  target_link_libraries(keniki PRIVATE ZLIB::ZLIB BZip2::BZip2 EXPAT::EXPAT Threads::Threads)
endfunction()

if(TARGET keniki)
  keniki_link_osmium()
else()
  cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL keniki_link_osmium)
endif()
